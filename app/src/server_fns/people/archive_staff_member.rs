use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::PersonId;

/// A coordinator closes a staff account.
#[server]
pub async fn archive_staff_member(id: PersonId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::archive_staff_member(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/equipe?archive=1");
    Ok(())
}
