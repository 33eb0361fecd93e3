use leptos::prelude::*;

use crate::error::AppError;

/// Puts an undelivered SMS back in the queue, to the number now on file.
#[server]
pub async fn resend_failed_sms(id: i32) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::resend_failed_sms(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to("/courriels-en-echec?sms-renvoye=1")
}
