use leptos::prelude::*;
use shared::domain::{FacilitatorDetails, PersonId};

use crate::error::AppError;

/// A guest facilitator's details, and whether the reader keeps them (staff).
#[server]
pub async fn view_facilitator(id: PersonId) -> Result<FacilitatorDetails, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_facilitator(&state.db, &crate::session::current_actor(), id).await?)
}
