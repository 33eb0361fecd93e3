use leptos::prelude::*;
use shared::domain::{RosterView, SessionId};

use crate::error::AppError;

/// A session's registered youths, waiting list and history; with `search`, the youths the
/// counsellor may enrol.
#[server]
pub async fn view_roster(session_id: SessionId, search: String) -> Result<RosterView, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_roster(&call.db, &call.actor, session_id, &search, call.now).await?)
}
