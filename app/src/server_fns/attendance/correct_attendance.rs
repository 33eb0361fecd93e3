use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{HalfDayNumber, PersonId, SessionId};

/// An organiser corrects a status on a closed sheet, with a reason.
#[server]
pub async fn correct_attendance(
    session_id: SessionId,
    youth_id: PersonId,
    status: String,
    reason: String,
    half_day: Option<HalfDayNumber>,
) -> Result<(), AppError> {
    let half_day = half_day.unwrap_or(HalfDayNumber::FIRST);
    let call = crate::state::call()?;
    shared::services::correct_attendance(
        &call.db,
        &call.actor,
        session_id,
        shared::services::StatusCorrection {
            youth_id,
            half_day,
            status: &status,
            reason: &reason,
        },
        &call.state.sealer,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement?demi={}&corrige=1#documents",
        half_day.ordinal()
    ))
}
