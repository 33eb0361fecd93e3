use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// A counsellor takes a youth off a session, with the reason the youth will read.
#[server]
pub async fn remove_enrolment(
    session_id: SessionId,
    youth_id: PersonId,
    reason: String,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::remove_enrolment(
        &call.db,
        &call.actor,
        session_id,
        youth_id,
        &reason,
        &call.mail,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!("/seances/{session_id}?retire=1#places"))
}
