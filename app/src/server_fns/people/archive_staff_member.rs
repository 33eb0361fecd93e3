use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// A coordinator closes a staff account.
#[server]
pub async fn archive_staff_member(id: PersonId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::archive_staff_member(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to("/equipe?archive=1")
}
