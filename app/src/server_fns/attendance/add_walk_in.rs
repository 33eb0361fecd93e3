use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{HalfDayNumber, PersonId, SessionId};

/// A counsellor adds a youth who came without a place, present for the half-day shown.
#[server]
pub async fn add_walk_in(
    session_id: SessionId,
    youth_id: PersonId,
    half_day: Option<HalfDayNumber>,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    let half_day = half_day.unwrap_or(HalfDayNumber::FIRST);
    shared::services::add_walk_in(
        &call.db,
        &call.actor,
        session_id,
        youth_id,
        half_day,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!(
        "/seances/{session_id}/emargement?demi={}#jeune-{youth_id}",
        half_day.ordinal()
    ))
}
