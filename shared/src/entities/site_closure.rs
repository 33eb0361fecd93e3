use crate::domain::SiteId;
use sea_orm::entity::prelude::*;

/// Days a site is closed (annual closure, works); planning warns about them.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "site_closures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub site_id: SiteId,
    pub first_day: Date,
    pub last_day: Date,
    pub reason: String,
}

impl ActiveModelBehavior for ActiveModel {}
