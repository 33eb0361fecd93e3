use leptos::prelude::*;
use shared::domain::PlanningOptions;

use crate::error::AppError;

/// What the session form offers: catalogue, rooms, counsellors, facilitators.
#[server]
pub async fn load_planning_options() -> Result<PlanningOptions, AppError> {
    let state = crate::state::app_state()?;
    Ok(
        shared::services::load_planning_options(&state.db, &crate::session::current_actor())
            .await?,
    )
}
