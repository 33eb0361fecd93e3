use leptos::prelude::*;
use shared::domain::{PublicSession, SessionId};

use crate::error::AppError;

/// The shareable page of a session: no sign-in needed, no personal data for the anonymous.
#[server]
pub async fn view_public_session(id: SessionId) -> Result<PublicSession, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_public_session(&call.db, &call.actor, id).await?)
}
