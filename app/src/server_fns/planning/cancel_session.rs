use crate::error::AppError;
use leptos::prelude::*;
use shared::domain::SessionId;

/// Cancels a session (or the rest of its series) with the reason people will read.
#[server]
pub async fn cancel_session(
    id: SessionId,
    scope: String,
    reason: String,
) -> Result<usize, AppError> {
    let call = crate::state::call()?;
    let cancelled = shared::services::cancel_session(
        &call.db,
        &call.actor,
        id,
        &reason,
        shared::domain::EditScope::parse(&scope),
        &call.mail,
        call.now,
    )
    .await?;
    leptos_axum::redirect(&format!("/seances/{id}?annulees={cancelled}"));
    Ok(cancelled)
}
