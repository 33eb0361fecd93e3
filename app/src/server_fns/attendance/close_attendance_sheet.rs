use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::SessionId;

/// The facilitator or counsellor signs last and closes the sheet.
#[server]
pub async fn close_attendance_sheet(
    session_id: SessionId,
    strokes: String,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::close_attendance_sheet(
        &call.db,
        &call.actor,
        session_id,
        &strokes,
        &call.state.sealer,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!("/seances/{session_id}/emargement?close=1"))
}
