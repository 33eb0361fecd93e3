use leptos::prelude::*;
use shared::domain::{CheckInScreen, SessionId};

use crate::error::AppError;

/// The check-in screen's code of the moment and who has checked in; the screen's island asks
/// again every few seconds.
#[server]
pub async fn show_check_in_code(session_id: SessionId) -> Result<CheckInScreen, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::show_check_in_code(
        &call.db,
        &call.actor,
        session_id,
        crate::session::client_address(),
        &call.mail,
        call.now,
    )
    .await?)
}
