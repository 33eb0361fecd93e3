use leptos::prelude::*;

use crate::error::AppError;

/// A youth checks in with the code shown in the room, then signs.
#[server]
pub async fn check_in_with_code(code: String) -> Result<(), AppError> {
    let call = crate::state::call()?;
    let session_id = shared::services::check_in_with_code(
        &call.db,
        &call.actor,
        &code,
        crate::session::client_address(),
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!("/ateliers/{session_id}/signer?pointe=1"))
}
