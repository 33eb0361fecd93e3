use leptos::prelude::*;
use shared::domain::Home;

use crate::error::AppError;

/// The signed-in person's home, by role.
#[server]
pub async fn load_home() -> Result<Home, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::load_home(
        &state.db,
        &crate::session::current_actor(),
        state.clock.now(),
    )
    .await?)
}
