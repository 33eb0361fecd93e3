use leptos::prelude::*;
use shared::domain::{SessionId, YouthPlaceView};

use crate::error::AppError;

/// The signed-in youth's place at a session and what they may do; nothing for anyone else.
#[server]
pub async fn view_youth_place(session_id: SessionId) -> Result<Option<YouthPlaceView>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_youth_place(&call.db, &call.actor, session_id, call.now).await?)
}
