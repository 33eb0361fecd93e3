use leptos::prelude::*;
use shared::domain::{WorkshopTypeForm, WorkshopTypeId};

use crate::error::AppError;

/// Adds a workshop to the catalogue.
#[server]
pub async fn create_workshop_type(workshop: WorkshopTypeForm) -> Result<WorkshopTypeId, AppError> {
    let state = crate::state::app_state()?;
    let id = shared::services::create_workshop_type(
        &state.db,
        &crate::session::current_actor(),
        &workshop,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/catalogue?ajoute={id}#atelier-{id}"));
    Ok(id)
}
