use leptos::prelude::*;
use shared::domain::CounsellorOption;

use crate::error::AppError;

/// The counsellors a youth may be referred to, for the youth form.
#[server]
pub async fn list_referent_options() -> Result<Vec<CounsellorOption>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_referent_options(&call.db, &call.actor).await?)
}
