use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::WorkshopTypeId;

/// Takes a workshop type out of the offer; it keeps its sessions.
#[server]
pub async fn archive_workshop_type(id: WorkshopTypeId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::archive_workshop_type(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/catalogue/{id}?archive=1"));
    Ok(())
}
