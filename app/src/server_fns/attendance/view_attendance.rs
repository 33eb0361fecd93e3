use leptos::prelude::*;
use shared::domain::{AttendanceView, SessionId};

use crate::error::AppError;

/// The roll-call page of a session.
#[server]
pub async fn view_attendance(session_id: SessionId) -> Result<AttendanceView, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_attendance(&call.db, &call.actor, session_id, call.now).await?)
}
