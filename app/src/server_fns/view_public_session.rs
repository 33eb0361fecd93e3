use leptos::prelude::*;
use shared::domain::PublicSession;

use crate::error::AppError;

/// The shareable page of a session: no personal data, no sign-in needed.
#[server]
pub async fn view_public_session(id: i32) -> Result<PublicSession, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_public_session(&state.db, id).await?)
}
