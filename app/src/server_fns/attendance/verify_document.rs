use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{DocumentVerdict, SealKeyView, SealedDocument};

/// The verdict on an uploaded file, by its SHA-256 (`/verifier?empreinte=`, where the upload
/// leads). Public: whoever holds the file learns what it states.
#[server]
pub async fn check_document(sha256: String) -> Result<DocumentVerdict, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::verify_fingerprint(&call.db, &call.state.sealer, &sha256).await?)
}

/// What a printed verification code stands for (`/verifier/:code`, the PDF's QR code).
#[server]
pub async fn view_document_seal(code: String) -> Result<SealedDocument, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_seal(&call.db, &call.state.sealer, &code).await?)
}

/// The public half of the federation's key, for anyone checking a statement with their tools.
#[server]
pub async fn seal_public_key() -> Result<SealKeyView, AppError> {
    let state = crate::state::app_state()?;
    Ok(SealKeyView {
        public_key: state.sealer.public_key(),
    })
}
