use leptos::prelude::*;

use crate::error::AppError;

/// One tap of the roll-call (also how a self check-in is confirmed).
#[server]
pub async fn mark_attendance(
    session_id: i32,
    youth_id: i32,
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
