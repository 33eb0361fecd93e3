use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// An organiser gives a free seat to a youth on the waiting list.
#[server]
pub async fn promote_from_waiting_list(
    session_id: SessionId,
    youth_id: PersonId,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::promote_from_waiting_list(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        youth_id,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/seances/{session_id}?promu=1#places"));
    Ok(())
}
