use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// Brings an archived guest facilitator back.
#[server]
pub async fn restore_facilitator(id: PersonId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::restore_facilitator(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/intervenants/{id}?retabli=1"));
    Ok(())
}
