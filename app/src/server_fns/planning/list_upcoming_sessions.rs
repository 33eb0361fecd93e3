use leptos::prelude::*;
use shared::domain::SessionCard;

use crate::error::AppError;

/// The published sessions still to come: those a signed-in youth may join, or the public list.
#[server]
pub async fn list_upcoming_sessions() -> Result<Vec<SessionCard>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_upcoming_sessions(
        &call.db,
        &call.actor,
        call.now,
        &call.state.public_list,
    )
    .await?)
}
