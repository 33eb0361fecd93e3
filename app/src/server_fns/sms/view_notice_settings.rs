use leptos::prelude::*;
use shared::domain::sms::NoticeSettings;

use crate::error::AppError;

/// The signed-in youth's notice settings.
#[server]
pub async fn view_notice_settings() -> Result<NoticeSettings, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_notice_settings(&call.db, &call.actor).await?)
}
