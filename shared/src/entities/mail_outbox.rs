use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// One email waiting to be sent, sent, or set aside after failing.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub message_id: String,
    pub envelope_from: String,
    #[sea_orm(column_type = "Text")]
    pub envelope_to: String,
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub content: String,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_until: Option<DateTimeUtc>,
    pub sent_at: Option<DateTimeUtc>,
    pub failed_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub last_error: Option<String>,
    /// Whom the message is for and about which session, when known: a counsellor finds a
    /// message that could not be delivered by them.
    pub person_id: Option<PersonId>,
    pub session_id: Option<SessionId>,
}

impl ActiveModelBehavior for ActiveModel {}
