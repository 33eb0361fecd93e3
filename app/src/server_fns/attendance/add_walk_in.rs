use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// A counsellor adds a youth who came without a place.
#[server]
pub async fn add_walk_in(session_id: SessionId, youth_id: PersonId) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::add_walk_in(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        youth_id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/seances/{session_id}/emargement#jeune-{youth_id}"
    ));
    Ok(())
}
