use crate::domain::{PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// One change to a session: its history, and the domain event the invitations turn into mail.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub at: DateTimeUtc,
    pub actor_id: Option<PersonId>,
    /// `domain::SessionChange::kind`.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    /// The `domain::SessionChange` as JSON.
    #[sea_orm(column_type = "Text")]
    pub change: String,
}

impl ActiveModelBehavior for ActiveModel {}
