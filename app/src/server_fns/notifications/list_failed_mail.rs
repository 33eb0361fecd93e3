use leptos::prelude::*;
use shared::domain::FailedMail;

use crate::error::AppError;

/// Messages that could not be delivered, for the staff to resend.
#[server]
pub async fn list_failed_mail() -> Result<Vec<FailedMail>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::list_failed_mail(&state.db, &crate::session::current_actor()).await?)
}
