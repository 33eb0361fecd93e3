use crate::domain::{Theme, WorkshopTypeId};
use sea_orm::entity::prelude::*;

/// A workshop in the catalogue; a session is one dated occurrence of it.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_types")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: WorkshopTypeId,
    #[sea_orm(unique)]
    pub title: String,
    /// A `domain::Theme` code.
    pub theme: Theme,
    /// Plain French, for youths.
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub default_duration_minutes: i32,
    pub default_capacity: i32,
    #[sea_orm(column_type = "Text")]
    pub what_to_bring: String,
    /// Who the workshop suits, in plain French.
    #[sea_orm(column_type = "Text")]
    pub suits: String,
    /// Archived types keep their sessions but are no longer offered for new ones.
    pub archived_at: Option<DateTimeUtc>,
    #[sea_orm(has_many)]
    pub sessions: HasMany<super::workshop_session::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
