use leptos::prelude::*;
use shared::domain::{MissionLocaleOption, StaffSummary};

use crate::error::AppError;

/// The federation's staff, for staff.
#[server]
pub async fn list_staff() -> Result<Vec<StaffSummary>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_staff(&state.db, &crate::session::current_actor()).await?)
}

/// The Missions Locales, for the staff form (coordinators).
#[server]
pub async fn list_mission_locales() -> Result<Vec<MissionLocaleOption>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_mission_locales(&state.db, &crate::session::current_actor()).await?)
}
