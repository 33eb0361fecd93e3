use crate::domain::{EnrolmentEventKind, EnrolmentMethod, PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// One change to a youth's place: its history, and the domain event the invitations turn into
/// mail (registered, waitlisted, promoted, cancelled, left the waiting list, removed).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolment_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub enrolment_id: i32,
    pub session_id: SessionId,
    pub youth_id: PersonId,
    pub at: DateTimeUtc,
    /// None for an automatic promotion.
    pub actor_id: Option<PersonId>,
    /// A `domain::EnrolmentEventKind` code.
    pub kind: EnrolmentEventKind,
    /// A `domain::EnrolmentMethod` code.
    pub method: EnrolmentMethod,
    /// The position on the waiting list, for `waitlisted`.
    pub position: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
