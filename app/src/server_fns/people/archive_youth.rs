use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// Archives a youth's file (never deletes it).
#[server]
pub async fn archive_youth(id: PersonId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::archive_youth(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/jeunes/{id}?archive=1"));
    Ok(())
}
