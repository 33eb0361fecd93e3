use leptos::prelude::*;
use shared::domain::{AttendanceView, SessionId};

use crate::error::AppError;

/// The roll-call page of a session.
#[server]
pub async fn view_attendance(session_id: SessionId) -> Result<AttendanceView, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_attendance(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        state.clock.now(),
    )
    .await?)
}
