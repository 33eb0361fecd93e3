use leptos::prelude::*;
use shared::domain::FacilitatorSummary;

use crate::error::AppError;

/// The guest facilitators, for staff.
#[server]
pub async fn list_facilitators() -> Result<Vec<FacilitatorSummary>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_facilitators(&call.db, &call.actor).await?)
}
