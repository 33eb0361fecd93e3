use leptos::prelude::*;
use shared::domain::{EnrolmentOutcome, PersonId, SessionId};

use crate::error::AppError;

/// A counsellor enrols the youths they ticked, then comes back to the session's places.
#[server]
pub async fn enrol_youths(
    session_id: SessionId,
    #[server(default)] youth_ids: Vec<PersonId>,
) -> Result<Vec<EnrolmentOutcome>, AppError> {
    let call = crate::state::call()?;
    let outcomes = shared::services::enrol_youths(
        &call.db,
        &call.actor,
        session_id,
        youth_ids,
        &call.mail,
        call.now,
    )
    .await?;
    leptos_axum::redirect(&format!(
        "/seances/{session_id}?inscrits={}#places",
        outcomes.len()
    ));
    Ok(outcomes)
}
