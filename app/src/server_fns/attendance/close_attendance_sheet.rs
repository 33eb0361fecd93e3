use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{HalfDayNumber, SessionId};

/// The facilitator or counsellor signs last and closes a half-day (the last closes the sheet).
#[server]
pub async fn close_attendance_sheet(
    session_id: SessionId,
    strokes: String,
    half_day: Option<HalfDayNumber>,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    let half_day = half_day.unwrap_or(HalfDayNumber::FIRST);
    let closed = shared::services::close_attendance_sheet(
        &call.db,
        &call.actor,
        session_id,
        half_day,
        &strokes,
        &call.state.sealer,
        call.now,
    )
    .await?;
    let notice = match closed {
        shared::services::Closed::HalfDay => "demi-close",
        shared::services::Closed::Sheet => "close",
    };
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement?demi={}&{notice}=1",
        half_day.ordinal()
    ))
}
