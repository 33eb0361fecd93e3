use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::SessionId;

/// The facilitator or counsellor signs last and closes the sheet.
#[server]
pub async fn close_attendance_sheet(
    session_id: SessionId,
    strokes: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::close_attendance_sheet(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        &strokes,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/seances/{session_id}/emargement?close=1"));
    Ok(())
}
