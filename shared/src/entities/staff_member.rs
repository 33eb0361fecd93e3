use crate::domain::{MissionLocaleId, PersonId};
use sea_orm::entity::prelude::*;

/// A coordinator of the federation or a counsellor of one Mission Locale.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub person_id: PersonId,
    /// `coordinator` or `counsellor`.
    pub role: String,
    pub mission_locale_id: Option<MissionLocaleId>,
    pub disability_specialist: bool,
    pub justice_specialist: bool,
    pub password_hash: Option<String>,
    #[sea_orm(belongs_to, from = "person_id", to = "id")]
    pub person: BelongsTo<super::person::Entity>,
}

impl ActiveModelBehavior for ActiveModel {}
