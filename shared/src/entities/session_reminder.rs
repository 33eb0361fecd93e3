use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// A reminder queued for a youth before a session (unique per youth, session and delay).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub youth_id: PersonId,
    pub minutes_before: i32,
    pub queued_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
