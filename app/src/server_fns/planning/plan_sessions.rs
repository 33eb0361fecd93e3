use leptos::prelude::*;
use shared::domain::{SessionForm, SessionId};

use crate::error::AppError;

/// Plans a session or a series, then opens the (first) session's page.
#[server]
pub async fn plan_sessions(session: SessionForm) -> Result<SessionId, AppError> {
    let call = crate::state::call()?;
    let id = shared::services::plan_sessions(&call.db, &call.actor, &session, &call.mail, call.now)
        .await?;
    leptos_axum::redirect(&format!("/seances/{id}?enregistre=1"));
    Ok(id)
}
