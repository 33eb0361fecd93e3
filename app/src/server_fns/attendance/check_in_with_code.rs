use leptos::prelude::*;

use crate::error::AppError;

/// A youth checks in with the code shown in the room, then signs.
#[server]
pub async fn check_in_with_code(code: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let session_id = shared::services::check_in_with_code(
        &state.db,
        &crate::session::current_actor(),
        &code,
        crate::session::client_address(),
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/ateliers/{session_id}/signer?pointe=1"));
    Ok(())
}
