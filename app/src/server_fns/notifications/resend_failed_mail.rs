use leptos::prelude::*;

use crate::error::AppError;

/// Puts an undelivered message back in the queue.
#[server]
pub async fn resend_failed_mail(id: i32) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::resend_failed_mail(
        &state.db,
        &crate::session::current_actor(),
        id,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/courriels-en-echec?renvoye=1");
    Ok(())
}
