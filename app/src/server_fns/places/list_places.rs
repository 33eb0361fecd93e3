use leptos::prelude::*;
use shared::domain::SiteView;

use crate::error::AppError;

/// The federation's sites and rooms, for staff.
#[server]
pub async fn list_places() -> Result<Vec<SiteView>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_places(&state.db, &crate::session::current_actor()).await?)
}
