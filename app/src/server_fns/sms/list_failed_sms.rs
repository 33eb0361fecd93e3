use leptos::prelude::*;
use shared::domain::sms::FailedSms;

use crate::error::AppError;

/// SMS that could not be delivered, for the staff to resend.
#[server]
pub async fn list_failed_sms() -> Result<Vec<FailedSms>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_failed_sms(&call.db, &call.actor).await?)
}
