use leptos::prelude::*;
use shared::domain::PrivacyNotice;

use crate::error::AppError;

/// What `/confidentialite` says, from the settings in force: public.
#[server]
pub async fn view_privacy_notice() -> Result<PrivacyNotice, AppError> {
    let call = crate::state::call()?;
    Ok(call.state.retention.privacy_notice())
}
