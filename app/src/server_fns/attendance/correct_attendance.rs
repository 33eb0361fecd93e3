use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// An organiser corrects a status on a closed sheet, with a reason.
#[server]
pub async fn correct_attendance(
    session_id: SessionId,
    youth_id: PersonId,
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
