use crate::domain::{AttendanceStatus, HalfDayNumber, PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// One youth on a session's attendance sheet for one half-day (unique per session, youth and
/// half-day).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance_lines")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub youth_id: PersonId,
    /// The first (or only) half-day of the session, or the second.
    pub half_day: HalfDayNumber,
    /// present, late, excused or absent.
    pub status: AttendanceStatus,
    pub walk_in: bool,
    pub checked_in_at: Option<DateTimeUtc>,
    /// Roll-call marks are confirmed; a self check-in waits for the facilitator.
    pub confirmed: bool,
    pub marked_by: Option<PersonId>,
    pub marked_at: DateTimeUtc,
    /// `SignatureStrokes` text.
    pub signature: Option<String>,
    pub signed_at: Option<DateTimeUtc>,
    pub signature_collected_by: Option<PersonId>,
    /// Checked in with the code from another network than the screen's.
    pub checked_in_elsewhere: bool,
}

impl ActiveModelBehavior for ActiveModel {}
