use leptos::prelude::*;
use shared::domain::{RosterView, SessionId};

use crate::error::AppError;

/// A session's registered youths, waiting list and history; with `search`, the youths the
/// counsellor may enrol.
#[server]
pub async fn view_roster(session_id: SessionId, search: String) -> Result<RosterView, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_roster(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        &search,
        state.clock.now(),
    )
    .await?)
}
