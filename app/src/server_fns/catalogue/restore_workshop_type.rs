use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::WorkshopTypeId;

/// Offers an archived workshop type again.
#[server]
pub async fn restore_workshop_type(id: WorkshopTypeId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::restore_workshop_type(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to(&format!("/catalogue/{id}?retabli=1"))
}
