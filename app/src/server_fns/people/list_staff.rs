use leptos::prelude::*;
use shared::domain::{MissionLocaleOption, StaffSummary};

use crate::error::AppError;

/// The federation's staff, for staff.
#[server]
pub async fn list_staff() -> Result<Vec<StaffSummary>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_staff(&call.db, &call.actor).await?)
}

/// The Missions Locales, for the staff form (coordinators).
#[server]
pub async fn list_mission_locales() -> Result<Vec<MissionLocaleOption>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_mission_locales(&call.db, &call.actor).await?)
}
