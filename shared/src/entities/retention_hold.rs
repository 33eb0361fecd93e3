use crate::domain::PersonId;
use sea_orm::entity::prelude::*;

/// A coordinator suspended a youth's minimisation (a control, a dispute); in force until lifted.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_holds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub youth_id: PersonId,
    pub reason: String,
    pub placed_by: PersonId,
    pub placed_at: DateTimeUtc,
    pub lifted_by: Option<PersonId>,
    pub lifted_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}
