use leptos::prelude::*;

use crate::error::AppError;

/// An organiser corrects a status on a closed sheet, with a reason.
#[server]
pub async fn correct_attendance(
    session_id: i32,
    youth_id: i32,
    status: String,
    reason: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::correct_attendance(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        youth_id,
        &status,
        &reason,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/seances/{session_id}/emargement?corrige=1#documents"
    ));
    Ok(())
}
