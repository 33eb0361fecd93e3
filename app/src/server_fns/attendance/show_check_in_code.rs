use leptos::prelude::*;
use shared::domain::{CheckInScreen, SessionId};

use crate::error::AppError;

/// The check-in screen's code of the moment and who has checked in; the screen's island asks
/// again every few seconds.
#[server]
pub async fn show_check_in_code(session_id: SessionId) -> Result<CheckInScreen, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::show_check_in_code(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        crate::session::client_address(),
        &state.mail,
        state.clock.now(),
    )
    .await?)
}
