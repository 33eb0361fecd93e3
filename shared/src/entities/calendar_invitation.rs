use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// What was last sent to one person about one session: the UID their calendar holds and the
/// SEQUENCE and DTSTAMP it last saw, which never go down.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "calendar_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub person_id: PersonId,
    pub uid: String,
    /// youth, facilitator or counsellor.
    pub role: String,
    pub sequence: i32,
    pub dtstamp: DateTimeUtc,
    /// The session's `sequence` this copy reflects.
    pub session_sequence: i32,
    pub cancelled: bool,
}

impl ActiveModelBehavior for ActiveModel {}
