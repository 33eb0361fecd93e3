use leptos::prelude::*;

use crate::error::AppError;

/// Puts an undelivered message back in the queue.
#[server]
pub async fn resend_failed_mail(id: i32) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::resend_failed_mail(&call.db, &call.actor, id, call.now).await?;
    crate::state::redirect_to("/courriels-en-echec?renvoye=1")
}
