use leptos::prelude::*;
use shared::domain::ServiceHealth;

use crate::error::AppError;

/// « État du service »: the outbox and the federation's activity, for coordinators.
#[server]
pub async fn view_service_health() -> Result<ServiceHealth, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_service_health(&call.db, &call.actor, call.now).await?)
}
