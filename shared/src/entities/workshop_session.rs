use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "workshop_sessions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub workshop_type_id: i32,
    pub mission_locale_id: i32,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub venue_name: String,
    pub venue_address: String,
    pub capacity: i32,
    /// A `domain::SessionStatus` code.
    pub status: String,
    #[sea_orm(belongs_to, from = "workshop_type_id", to = "id")]
    pub workshop_type: BelongsTo<super::workshop_type::Entity>,
    #[sea_orm(belongs_to, from = "mission_locale_id", to = "id")]
    pub mission_locale: BelongsTo<super::mission_locale::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
