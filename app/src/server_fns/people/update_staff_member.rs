use leptos::prelude::*;
use shared::domain::{PersonId, StaffForm};

use crate::error::AppError;

/// Saves a staff account's edited details (coordinators).
#[server]
pub async fn update_staff_member(id: PersonId, staff: StaffForm) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::update_staff_member(
        &state.db,
        &crate::session::current_actor(),
        id,
        &staff,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/equipe?enregistre=1");
    Ok(())
}
