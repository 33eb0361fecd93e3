use leptos::prelude::*;
use shared::domain::WorkshopTypeSummary;

use crate::error::AppError;

/// The workshop catalogue, archived types last (staff).
#[server]
pub async fn list_workshop_types() -> Result<Vec<WorkshopTypeSummary>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_workshop_types(&call.db, &call.actor).await?)
}
