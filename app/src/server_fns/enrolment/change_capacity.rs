use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::SessionId;

/// An organiser raises or lowers the number of places of a session.
#[server]
pub async fn change_capacity(session_id: SessionId, capacity: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::change_capacity(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        &capacity,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/seances/{session_id}?places=1#places"));
    Ok(())
}
