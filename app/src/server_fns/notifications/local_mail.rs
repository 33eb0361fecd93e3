use leptos::prelude::*;
use shared::local_mail::{LocalMailMessage, LocalMailSummary, LocalSms};

use crate::error::AppError;

/// The messages written to the local mail folder (`make run`). The viewer shows everyone's
/// mail to anyone, so it exists only in demo mode: elsewhere it is not found, for everyone.
#[server]
pub async fn list_local_mail() -> Result<Vec<LocalMailSummary>, AppError> {
    let folder = local_mail_folder()?;
    shared::mail::list_local_mail(&folder).map_err(unavailable)
}

#[server]
pub async fn read_local_mail(id: String) -> Result<LocalMailMessage, AppError> {
    let folder = local_mail_folder()?;
    shared::mail::read_local_mail(&folder, &id)
        .map_err(unavailable)?
        .ok_or_else(|| shared::ServiceError::NotFound.into())
}

/// The SMS written to the demo's SMS folder, newest first (none when they go to a gateway).
/// Demo mode only, like the mail: elsewhere it is not found, for everyone.
#[server]
pub async fn list_local_sms() -> Result<Vec<LocalSms>, AppError> {
    let state = crate::state::app_state()?;
    if !state.demo {
        return Err(shared::ServiceError::NotFound.into());
    }
    match state.local_sms_folder() {
        Some(folder) => shared::sms::list_local_sms(folder).map_err(unavailable),
        None => Ok(Vec::new()),
    }
}

#[cfg(feature = "ssr")]
fn local_mail_folder() -> Result<std::path::PathBuf, AppError> {
    crate::state::app_state()?
        .local_mail_folder()
        .map(std::path::Path::to_path_buf)
        .ok_or_else(|| shared::ServiceError::NotFound.into())
}

#[cfg(feature = "ssr")]
fn unavailable(error: std::io::Error) -> AppError {
    tracing::error!(%error, "reading the local mail folder failed");
    AppError::Unavailable(shared::error::UNAVAILABLE_MESSAGE.into())
}
