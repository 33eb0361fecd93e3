use sea_orm::entity::prelude::*;

/// The gateway's `message_id` for one segment of an SMS, as its delivery receipts name it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_gateway_ids")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub gateway_message_id: String,
    pub sms_id: i32,
}

impl ActiveModelBehavior for ActiveModel {}
