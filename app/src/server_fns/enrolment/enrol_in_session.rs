use leptos::prelude::*;
use shared::domain::{SessionId, YouthPlaceView};

use crate::error::AppError;

/// A youth takes a place (or joins the waiting list) in one tap. Without JavaScript the form
/// posts here and the browser comes back to the session's page, which shows the new place.
#[server]
pub async fn enrol_in_session(session_id: SessionId) -> Result<YouthPlaceView, AppError> {
    let call = crate::state::call()?;
    Ok(
        shared::services::enrol_in_session(&call.db, &call.actor, session_id, &call.mail, call.now)
            .await?,
    )
}
