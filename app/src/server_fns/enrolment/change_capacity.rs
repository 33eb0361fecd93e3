use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::SessionId;

/// An organiser raises or lowers the number of places of a session.
#[server]
pub async fn change_capacity(session_id: SessionId, capacity: String) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::change_capacity(
        &call.db,
        &call.actor,
        session_id,
        &capacity,
        &call.mail,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!("/seances/{session_id}?places=1#places"))
}
