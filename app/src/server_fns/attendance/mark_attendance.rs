use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{HalfDayNumber, PersonId, SessionId};

/// One tap of the roll-call, for one half-day (also how a self check-in is confirmed).
#[server]
pub async fn mark_attendance(
    session_id: SessionId,
    youth_id: PersonId,
    status: String,
    half_day: Option<HalfDayNumber>,
) -> Result<(), AppError> {
    let half_day = half_day.unwrap_or(HalfDayNumber::FIRST);
    let call = crate::state::call()?;
    shared::services::mark_attendance(
        &call.db,
        &call.actor,
        session_id,
        youth_id,
        half_day,
        &status,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement?demi={}#jeune-{youth_id}",
        half_day.ordinal()
    ))
}
