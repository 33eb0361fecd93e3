use leptos::prelude::*;

use crate::error::AppError;

/// The youth chooses how they hear about their sessions.
#[server]
pub async fn choose_notice_channel(channel: String) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::choose_notice_channel(&call.db, &call.actor, &channel).await?;
    crate::state::redirect_to("/mes-notifications?enregistre=1")
}
