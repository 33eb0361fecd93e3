use leptos::prelude::*;
use shared::domain::{SessionForm, SessionId};

use crate::error::AppError;

/// Saves a session's changes, for it alone, this and the following, or the whole series.
#[server]
pub async fn update_session(
    id: SessionId,
    scope: String,
    session: SessionForm,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_session(
        &call.db,
        &call.actor,
        id,
        &session,
        shared::domain::EditScope::parse(&scope),
        &call.mail,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!("/seances/{id}?enregistre=1"))
}
