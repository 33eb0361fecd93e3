use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// Archives a guest facilitator (never deletes them).
#[server]
pub async fn archive_facilitator(id: PersonId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::archive_facilitator(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/intervenants?archive=1");
    Ok(())
}
