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
    let state = crate::state::app_state()?;
    shared::services::update_session(
        &state.db,
        &crate::session::current_actor(),
        id,
        &session,
        shared::domain::EditScope::parse(&scope),
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/seances/{id}?enregistre=1"));
    Ok(())
}
