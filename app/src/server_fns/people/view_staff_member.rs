use leptos::prelude::*;
use shared::domain::{PersonId, StaffForm};

use crate::error::AppError;

/// A staff account's details, for the edit form (coordinators).
#[server]
pub async fn view_staff_member(id: PersonId) -> Result<StaffForm, AppError> {
    let state = crate::state::app_state()?;
    Ok(
        shared::services::view_staff_member(&state.db, &crate::session::current_actor(), id)
            .await?,
    )
}
