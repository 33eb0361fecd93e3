use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// Archives a youth's file (never deletes it).
#[server]
pub async fn archive_youth(id: PersonId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::archive_youth(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to(&format!("/jeunes/{id}?archive=1"))
}
