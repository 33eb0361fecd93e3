use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// Archives a guest facilitator (never deletes them).
#[server]
pub async fn archive_facilitator(id: PersonId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::archive_facilitator(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to("/intervenants?archive=1")
}
