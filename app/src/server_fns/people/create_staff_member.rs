use leptos::prelude::*;
use shared::domain::{PersonId, StaffForm};

use crate::error::AppError;

/// A coordinator opens a staff account; the new member chooses a password from a mailed link.
#[server]
pub async fn create_staff_member(staff: StaffForm) -> Result<PersonId, AppError> {
    let call = crate::state::call()?;
    let id =
        shared::services::create_staff_member(&call.db, &call.actor, &staff, &call.mail, call.now)
            .await?;
    leptos_axum::redirect("/equipe?ajoute=1");
    Ok(id)
}
