use crate::domain::{PersonId, SeriesId};
use sea_orm::entity::prelude::*;

/// A recurring series (*cycle*) as it was planned; its sessions point to it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_series")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: SeriesId,
    pub first_day: Date,
    pub every_weeks: i32,
    pub slots: i32,
    pub created_by: Option<PersonId>,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
