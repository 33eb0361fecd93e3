use leptos::prelude::*;
use shared::domain::FacilitatorSummary;

use crate::error::AppError;

/// The guest facilitators, for staff.
#[server]
pub async fn list_facilitators() -> Result<Vec<FacilitatorSummary>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_facilitators(&state.db, &crate::session::current_actor()).await?)
}
