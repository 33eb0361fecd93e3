use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// A counsellor adds a youth who came without a place.
#[server]
pub async fn add_walk_in(session_id: SessionId, youth_id: PersonId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::add_walk_in(&call.db, &call.actor, session_id, youth_id, call.now).await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement#jeune-{youth_id}"
    ))
}
