use leptos::prelude::*;
use shared::domain::ServiceHealth;

use crate::error::AppError;

/// « État du service »: the outbox and the federation's activity, for coordinators.
#[server]
pub async fn view_service_health() -> Result<ServiceHealth, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_service_health(
        &state.db,
        &crate::session::current_actor(),
        state.clock.now(),
    )
    .await?)
}
