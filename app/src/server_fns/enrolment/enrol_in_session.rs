use leptos::prelude::*;
use shared::domain::{SessionId, YouthPlaceView};

use crate::error::AppError;

/// A youth takes a place (or joins the waiting list) in one tap. The session page's form posts
/// here and the browser goes back to that page, which shows the new place and says so.
#[server]
pub async fn enrol_in_session(session_id: SessionId) -> Result<YouthPlaceView, AppError> {
    let call = crate::state::call()?;
    let view = call
        .state
        .enrolments
        .enrol_in_session(&call.db, &call.actor, session_id, &call.mail, call.now)
        .await?;
    if crate::session::from_plain_form() {
        leptos_axum::redirect(&format!("/ateliers/{session_id}?inscrit=1"));
    }
    Ok(view)
}
