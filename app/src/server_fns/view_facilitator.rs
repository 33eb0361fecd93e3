use leptos::prelude::*;
use shared::domain::FacilitatorForm;

use crate::error::AppError;

/// A guest facilitator's details, for the edit form (staff).
#[server]
pub async fn view_facilitator(id: i32) -> Result<FacilitatorForm, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_facilitator(&state.db, &crate::session::current_actor(), id).await?)
}
