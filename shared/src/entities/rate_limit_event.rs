use sea_orm::entity::prelude::*;

/// One attempt counted by a rate limit.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rate_limit_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub bucket: String,
    pub at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
