use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::SessionId;

/// An organiser reopens a sheet closed on paper, with a reason; back to the roll-call.
#[server]
pub async fn reopen_paper_sheet(session_id: SessionId, reason: String) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::reopen_paper_sheet(&call.db, &call.actor, session_id, &reason, call.now)
        .await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement?rouverte=1#documents"
    ))
}
