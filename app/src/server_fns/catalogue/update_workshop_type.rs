use leptos::prelude::*;
use shared::domain::{WorkshopTypeForm, WorkshopTypeId};

use crate::error::AppError;

/// Saves a workshop type of the catalogue.
#[server]
pub async fn update_workshop_type(
    id: WorkshopTypeId,
    workshop: WorkshopTypeForm,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_workshop_type(&call.db, &call.actor, id, &workshop, call.now).await?;
    crate::state::redirect_to(&format!("/catalogue/{id}?enregistre=1"))
}
