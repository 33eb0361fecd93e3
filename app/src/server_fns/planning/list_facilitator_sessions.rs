use leptos::prelude::*;
use shared::domain::FacilitatorAgenda;

use crate::error::AppError;

/// The signed-in guest facilitator's sessions.
#[server]
pub async fn list_facilitator_sessions() -> Result<FacilitatorAgenda, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_facilitator_sessions(&call.db, &call.actor, call.now).await?)
}
