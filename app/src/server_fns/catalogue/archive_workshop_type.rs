use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::WorkshopTypeId;

/// Takes a workshop type out of the offer; it keeps its sessions.
#[server]
pub async fn archive_workshop_type(id: WorkshopTypeId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::archive_workshop_type(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to(&format!("/catalogue/{id}?archive=1"))
}
