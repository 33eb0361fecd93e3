use leptos::prelude::*;
use shared::domain::{Dashboard, FiguresForm};

use crate::error::AppError;

/// The figures of a Mission Locale or of the federation over a period.
#[server]
pub async fn view_dashboard(form: FiguresForm) -> Result<Dashboard, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_dashboard(&call.db, &call.actor, &form, call.now).await?)
}
