use crate::domain::{HalfDayNumber, PersonId, SessionId};
use sea_orm::entity::prelude::*;

/// The facilitator's or counsellor's signature closing a half-day that is not the session's
/// last (the morning of a full day); the last half-day's closing is the sheet's own.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance_half_day_closings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub session_id: SessionId,
    pub half_day: HalfDayNumber,
    pub closed_by: PersonId,
    pub closed_at: DateTimeUtc,
    /// `SignatureStrokes` text.
    pub signature: String,
}

impl ActiveModelBehavior for ActiveModel {}
