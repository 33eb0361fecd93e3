use leptos::prelude::*;
use shared::domain::SessionCard;

use crate::error::AppError;

/// The published sessions still to come: those a signed-in youth may join, or the public list.
#[server]
pub async fn list_upcoming_sessions() -> Result<Vec<SessionCard>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_upcoming_sessions(
        &state.db,
        &crate::session::current_actor(),
        state.clock.now(),
    )
    .await?)
}
