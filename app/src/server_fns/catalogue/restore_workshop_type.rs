use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::WorkshopTypeId;

/// Offers an archived workshop type again.
#[server]
pub async fn restore_workshop_type(id: WorkshopTypeId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::restore_workshop_type(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/catalogue/{id}?retabli=1"));
    Ok(())
}
