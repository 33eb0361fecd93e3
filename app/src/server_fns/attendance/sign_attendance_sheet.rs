use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// A youth signs the sheet, on their phone or on the facilitator's device.
#[server]
pub async fn sign_attendance_sheet(
    session_id: SessionId,
    youth_id: PersonId,
    strokes: String,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    let actor = crate::session::current_actor();
    shared::services::sign_attendance_sheet(
        &state.db,
        &actor,
        session_id,
        youth_id,
        &strokes,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&match actor {
        shared::domain::Actor::Youth { .. } => format!("/ateliers/{session_id}/signer"),
        _ => format!("/seances/{session_id}/emargement?signe={youth_id}#jeune-{youth_id}"),
    });
    Ok(())
}
