use leptos::prelude::*;
use shared::domain::{WorkshopTypeForm, WorkshopTypeId};

use crate::error::AppError;

/// Saves a workshop type of the catalogue.
#[server]
pub async fn update_workshop_type(
    id: WorkshopTypeId,
    workshop: WorkshopTypeForm,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::update_workshop_type(
        &state.db,
        &crate::session::current_actor(),
        id,
        &workshop,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/catalogue/{id}?enregistre=1"));
    Ok(())
}
