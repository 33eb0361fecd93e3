use crate::domain::{ContactKind, MissionLocaleId, PersonId};
use sea_orm::entity::prelude::*;

/// An interview, call, video call or message between a counsellor and a youth
/// (`domain::individual_contact`).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "individual_contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub youth_id: PersonId,
    /// The referent's Mission Locale when recorded: whose figures count it.
    pub mission_locale_id: MissionLocaleId,
    pub kind: ContactKind,
    /// The Paris day it took place.
    pub happened_on: Date,
    pub minutes: i32,
    pub subject: String,
    pub recorded_by: PersonId,
    pub recorded_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
