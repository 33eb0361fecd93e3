use leptos::prelude::*;
use shared::domain::{WorkshopTypeDetails, WorkshopTypeId};

use crate::error::AppError;

/// A workshop type of the catalogue, for the edit form (staff).
#[server]
pub async fn view_workshop_type(id: WorkshopTypeId) -> Result<WorkshopTypeDetails, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_workshop_type(&call.db, &call.actor, id).await?)
}
