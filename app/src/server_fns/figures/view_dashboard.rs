use leptos::prelude::*;
use shared::domain::{Dashboard, FiguresForm};

use crate::error::AppError;

/// The figures of a Mission Locale or of the federation over a period.
#[server]
pub async fn view_dashboard(form: FiguresForm) -> Result<Dashboard, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_dashboard(
        &state.db,
        &crate::session::current_actor(),
        &form,
        state.clock.now(),
    )
    .await?)
}
