use leptos::prelude::*;

use crate::error::AppError;

/// The youth chooses how they hear about their sessions.
#[server]
pub async fn choose_notice_channel(channel: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::choose_notice_channel(&state.db, &crate::session::current_actor(), &channel)
        .await?;
    leptos_axum::redirect("/mes-notifications?enregistre=1");
    Ok(())
}
