use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// One tap of the roll-call (also how a self check-in is confirmed).
#[server]
pub async fn mark_attendance(
    session_id: SessionId,
    youth_id: PersonId,
    status: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::mark_attendance(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        youth_id,
        &status,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/seances/{session_id}/emargement#jeune-{youth_id}"
    ));
    Ok(())
}
