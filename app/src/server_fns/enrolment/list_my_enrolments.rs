use leptos::prelude::*;
use shared::domain::MyEnrolment;

use crate::error::AppError;

/// "Mes inscriptions": the signed-in youth's places and waiting-list positions to come.
#[server]
pub async fn list_my_enrolments() -> Result<Vec<MyEnrolment>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_my_enrolments(
        &state.db,
        &crate::session::current_actor(),
        state.clock.now(),
    )
    .await?)
}
