use leptos::prelude::*;
use shared::domain::Home;

use crate::error::AppError;

/// The signed-in person's home, by role.
#[server]
pub async fn load_home() -> Result<Home, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::load_home(&call.db, &call.actor, call.now).await?)
}
