use leptos::prelude::*;
use shared::domain::{PersonId, StaffForm};

use crate::error::AppError;

/// A staff account's details, for the edit form (coordinators).
#[server]
pub async fn view_staff_member(id: PersonId) -> Result<StaffForm, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_staff_member(&call.db, &call.actor, id).await?)
}
