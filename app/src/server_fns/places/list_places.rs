use leptos::prelude::*;
use shared::domain::SiteView;

use crate::error::AppError;

/// The federation's sites and rooms, for staff.
#[server]
pub async fn list_places() -> Result<Vec<SiteView>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_places(&call.db, &call.actor).await?)
}
