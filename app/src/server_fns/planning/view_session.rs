use leptos::prelude::*;
use shared::domain::{SessionDetails, SessionId};

use crate::error::AppError;

/// A session as staff see it, with its history and, for its planners, the edit form.
#[server]
pub async fn view_session(id: SessionId) -> Result<SessionDetails, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_session(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?)
}
