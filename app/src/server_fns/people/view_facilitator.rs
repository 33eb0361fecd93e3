use leptos::prelude::*;
use shared::domain::{FacilitatorDetails, PersonId};

use crate::error::AppError;

/// A guest facilitator's details, and whether the reader keeps them (staff).
#[server]
pub async fn view_facilitator(id: PersonId) -> Result<FacilitatorDetails, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_facilitator(&call.db, &call.actor, id).await?)
}
