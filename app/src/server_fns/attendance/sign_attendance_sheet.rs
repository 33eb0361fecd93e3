use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{HalfDayNumber, PersonId, SessionId};

/// A youth signs the sheet, on their phone or on the facilitator's device.
#[server]
pub async fn sign_attendance_sheet(
    session_id: SessionId,
    youth_id: PersonId,
    strokes: String,
    half_day: Option<HalfDayNumber>,
) -> Result<(), AppError> {
    let half_day = half_day.unwrap_or(HalfDayNumber::FIRST);
    let call = crate::state::call()?;
    let actor = crate::session::current_actor();
    shared::services::sign_attendance_sheet(
        &call.db, &actor, session_id, youth_id, half_day, &strokes, call.now,
    )
    .await?;
    crate::state::redirect_to(&match actor {
        shared::domain::Actor::Youth { .. } => format!("/ateliers/{session_id}/signer"),
        _ => format!(
            "/seances/{session_id}/emargement?demi={}&signe={youth_id}#jeune-{youth_id}",
            half_day.ordinal()
        ),
    })
}
