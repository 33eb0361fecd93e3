use leptos::prelude::*;
use shared::domain::{PersonId, YouthDetails};

use crate::error::AppError;

/// One youth's file, as the signed-in person may read it.
#[server]
pub async fn view_youth(id: PersonId) -> Result<YouthDetails, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_youth(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?)
}
