use leptos::prelude::*;
use shared::domain::{SessionDetails, SessionId};

use crate::error::AppError;

/// A session as staff see it, with its history and, for its planners, the edit form.
#[server]
pub async fn view_session(id: SessionId) -> Result<SessionDetails, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_session(&call.db, &call.actor, id, call.now).await?)
}
