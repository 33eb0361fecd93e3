use leptos::prelude::*;
use shared::domain::{WorkshopTypeForm, WorkshopTypeId};

use crate::error::AppError;

/// Adds a workshop to the catalogue.
#[server]
pub async fn create_workshop_type(workshop: WorkshopTypeForm) -> Result<WorkshopTypeId, AppError> {
    let call = crate::state::call()?;
    let id =
        shared::services::create_workshop_type(&call.db, &call.actor, &workshop, call.now).await?;
    leptos_axum::redirect(&format!("/catalogue?ajoute={id}#atelier-{id}"));
    Ok(id)
}
