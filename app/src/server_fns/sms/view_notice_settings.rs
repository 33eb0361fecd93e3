use leptos::prelude::*;
use shared::domain::sms::NoticeSettings;

use crate::error::AppError;

/// The signed-in youth's notice settings.
#[server]
pub async fn view_notice_settings() -> Result<NoticeSettings, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::view_notice_settings(&state.db, &crate::session::current_actor()).await?)
}
