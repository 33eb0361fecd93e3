use leptos::prelude::*;
use shared::domain::{SessionId, YouthPlaceView};

use crate::error::AppError;

/// A youth gives up their place or leaves the waiting list, after confirming. Without
/// JavaScript the browser then goes back to the session's page with the answer.
#[server]
pub async fn cancel_enrolment(session_id: SessionId) -> Result<YouthPlaceView, AppError> {
    let state = crate::state::app_state()?;
    let view = shared::services::cancel_enrolment(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    if crate::session::from_plain_form() {
        leptos_axum::redirect(&format!("/ateliers/{session_id}?annulee=1"));
    }
    Ok(view)
}
