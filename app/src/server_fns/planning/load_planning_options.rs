use leptos::prelude::*;
use shared::domain::PlanningOptions;

use crate::error::AppError;

/// What the session form offers: catalogue, rooms, counsellors, facilitators.
#[server]
pub async fn load_planning_options() -> Result<PlanningOptions, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::load_planning_options(&call.db, &call.actor).await?)
}
