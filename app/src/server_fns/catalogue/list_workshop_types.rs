use leptos::prelude::*;
use shared::domain::WorkshopTypeSummary;

use crate::error::AppError;

/// The workshop catalogue, archived types last (staff).
#[server]
pub async fn list_workshop_types() -> Result<Vec<WorkshopTypeSummary>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_workshop_types(&state.db, &crate::session::current_actor()).await?)
}
