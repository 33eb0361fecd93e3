use leptos::prelude::*;
use shared::domain::{SessionId, YouthPlaceView};

use crate::error::AppError;

/// A youth gives up their place or leaves the waiting list, after confirming. Without
/// JavaScript the browser then goes back to the session's page with the answer.
#[server]
pub async fn cancel_enrolment(session_id: SessionId) -> Result<YouthPlaceView, AppError> {
    let call = crate::state::call()?;
    let view =
        shared::services::cancel_enrolment(&call.db, &call.actor, session_id, &call.mail, call.now)
            .await?;
    if crate::session::from_plain_form() {
        leptos_axum::redirect(&format!("/ateliers/{session_id}?annulee=1"));
    }
    Ok(view)
}
