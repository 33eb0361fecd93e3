use leptos::prelude::*;
use shared::domain::{PersonId, StaffForm};

use crate::error::AppError;

/// Saves a staff account's edited details (coordinators).
#[server]
pub async fn update_staff_member(id: PersonId, staff: StaffForm) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_staff_member(&call.db, &call.actor, id, &staff, &call.mail, call.now)
        .await?;
    crate::state::redirect_to("/equipe?enregistre=1")
}
