use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// Brings an archived guest facilitator back.
#[server]
pub async fn restore_facilitator(id: PersonId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::restore_facilitator(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to(&format!("/intervenants/{id}?retabli=1"))
}
