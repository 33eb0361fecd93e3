use leptos::prelude::*;
use shared::domain::{SessionId, YouthPlaceView};

use crate::error::AppError;

/// The signed-in youth's place at a session and what they may do; nothing for anyone else.
#[server]
pub async fn view_youth_place(session_id: SessionId) -> Result<Option<YouthPlaceView>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_youth_place(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        state.clock.now(),
    )
    .await?)
}
