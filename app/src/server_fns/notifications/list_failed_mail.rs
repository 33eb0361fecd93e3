use leptos::prelude::*;
use shared::domain::FailedMail;

use crate::error::AppError;

/// Messages that could not be delivered, for the staff to resend.
#[server]
pub async fn list_failed_mail() -> Result<Vec<FailedMail>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_failed_mail(&call.db, &call.actor).await?)
}
