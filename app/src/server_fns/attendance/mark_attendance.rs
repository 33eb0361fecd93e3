use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// One tap of the roll-call (also how a self check-in is confirmed).
#[server]
pub async fn mark_attendance(
    session_id: SessionId,
    youth_id: PersonId,
    status: String,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::mark_attendance(
        &call.db,
        &call.actor,
        session_id,
        youth_id,
        &status,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement#jeune-{youth_id}"
    ))
}
