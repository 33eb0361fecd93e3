use leptos::prelude::*;
use shared::domain::{PublicSession, SessionId};

use crate::error::AppError;

/// The shareable page of a session: no sign-in needed, no personal data for the anonymous.
#[server]
pub async fn view_public_session(id: SessionId) -> Result<PublicSession, AppError> {
    let state = crate::state::app_state()?;
    Ok(
        shared::services::view_public_session(&state.db, &crate::session::current_actor(), id)
            .await?,
    )
}
