use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// A counsellor takes a youth off a session, with the reason the youth will read.
#[server]
pub async fn remove_enrolment(
    session_id: SessionId,
    youth_id: PersonId,
    reason: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::remove_enrolment(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        youth_id,
        &reason,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/seances/{session_id}?retire=1#places"));
    Ok(())
}
