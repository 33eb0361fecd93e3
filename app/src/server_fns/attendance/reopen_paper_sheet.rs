use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::SessionId;

/// An organiser reopens a sheet closed on paper, with a reason; back to the roll-call.
#[server]
pub async fn reopen_paper_sheet(session_id: SessionId, reason: String) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::reopen_paper_sheet(
        &state.db,
        &crate::session::current_actor(),
        session_id,
        &reason,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/seances/{session_id}/emargement?rouverte=1#documents"
    ));
    Ok(())
}
