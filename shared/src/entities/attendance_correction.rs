use crate::domain::{AttendanceStatus, HalfDayNumber, PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// A status changed after the sheet was closed, with its reason.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance_corrections")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub youth_id: PersonId,
    /// The first (or only) half-day of the session, or the second.
    pub half_day: HalfDayNumber,
    pub from_status: AttendanceStatus,
    pub to_status: AttendanceStatus,
    pub reason: String,
    pub corrected_by: PersonId,
    pub corrected_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}
