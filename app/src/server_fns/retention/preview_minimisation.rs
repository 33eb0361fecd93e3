use leptos::prelude::*;
use shared::domain::RetentionOverview;

use crate::error::AppError;

/// What the daily job will minimise within 30 days, and the holds, for coordinators.
#[server]
pub async fn preview_minimisation() -> Result<RetentionOverview, AppError> {
    let call = crate::state::call()?;
    let settings = call.state.retention;
    Ok(shared::services::preview_minimisation(&call.db, &call.actor, &settings, call.now).await?)
}
