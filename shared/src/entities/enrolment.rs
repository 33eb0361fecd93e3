use crate::domain::{EnrolmentMethod, EnrolmentStatus, PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// One youth's place at one session (unique on the pair). A cancelled or removed place keeps
/// its row; enrolling again reuses it with a new ticket.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub youth_id: PersonId,
    /// A `domain::EnrolmentStatus` code.
    pub status: EnrolmentStatus,
    /// First come, first served.
    pub ticket: i64,
    /// A `domain::EnrolmentMethod` code.
    pub method: EnrolmentMethod,
    pub enrolled_by: Option<PersonId>,
    pub requested_at: DateTimeUtc,
    pub registered_at: Option<DateTimeUtc>,
    pub ended_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub ended_reason: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}
