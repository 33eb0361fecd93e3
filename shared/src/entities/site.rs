use crate::domain::{MissionLocaleId, SiteId};
use sea_orm::entity::prelude::*;

/// A site (antenne) of a Mission Locale, where workshops happen.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sites")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: SiteId,
    pub mission_locale_id: MissionLocaleId,
    pub name: String,
    pub address: String,
    #[sea_orm(column_type = "Text")]
    pub opening_hours: String,
    pub step_free_access: bool,
    pub lift: bool,
    pub hearing_loop: bool,
    #[sea_orm(column_type = "Text")]
    pub accessibility_notes: String,
    #[sea_orm(belongs_to, from = "mission_locale_id", to = "id")]
    pub mission_locale: BelongsTo<super::mission_locale::Entity>,
    #[sea_orm(has_many)]
    pub rooms: HasMany<super::room::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
