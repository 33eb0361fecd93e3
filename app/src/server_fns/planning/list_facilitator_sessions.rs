use leptos::prelude::*;
use shared::domain::FacilitatorAgenda;

use crate::error::AppError;

/// The signed-in guest facilitator's sessions.
#[server]
pub async fn list_facilitator_sessions() -> Result<FacilitatorAgenda, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_facilitator_sessions(
        &state.db,
        &crate::session::current_actor(),
        state.clock.now(),
    )
    .await?)
}
