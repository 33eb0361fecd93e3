use leptos::prelude::*;
use shared::domain::{AttendanceView, HalfDayNumber, SessionId};

use crate::error::AppError;

/// The roll-call page of a session, for one half-day (`?demi=2`), by default the one under way.
#[server]
pub async fn view_attendance(
    session_id: SessionId,
    half_day: Option<HalfDayNumber>,
) -> Result<AttendanceView, AppError> {
    let call = crate::state::call()?;
    Ok(
        shared::services::view_attendance(&call.db, &call.actor, session_id, half_day, call.now)
            .await?,
    )
}
