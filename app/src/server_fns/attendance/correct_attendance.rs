use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// An organiser corrects a status on a closed sheet, with a reason.
#[server]
pub async fn correct_attendance(
    session_id: SessionId,
    youth_id: PersonId,
    status: String,
    reason: String,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::correct_attendance(
        &call.db,
        &call.actor,
        session_id,
        shared::services::StatusCorrection {
            youth_id,
            status: &status,
            reason: &reason,
        },
        &call.state.sealer,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement?corrige=1#documents"
    ))
}
