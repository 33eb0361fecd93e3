use crate::domain::sms::{SmsEncoding, SmsKind};
use crate::domain::{MissionLocaleId, PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// One SMS waiting to be sent, sent, or set aside after a refusal.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sms_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub person_id: Option<PersonId>,
    pub session_id: Option<SessionId>,
    /// The Mission Locale that pays for it (the youth's, when queued).
    pub mission_locale_id: Option<MissionLocaleId>,
    pub kind: SmsKind,
    /// E.164.
    pub to_number: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    pub encoding: SmsEncoding,
    pub segments: i32,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub failed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    pub receipt_at: Option<DateTimeUtc>,
    pub receipt_state: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
