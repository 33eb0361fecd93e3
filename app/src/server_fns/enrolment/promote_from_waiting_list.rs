use leptos::prelude::*;

use crate::error::AppError;
use shared::domain::{PersonId, SessionId};

/// An organiser gives a free seat to a youth on the waiting list.
#[server]
pub async fn promote_from_waiting_list(
    session_id: SessionId,
    youth_id: PersonId,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::promote_from_waiting_list(
        &call.db,
        &call.actor,
        session_id,
        youth_id,
        &call.mail,
        call.now,
    )
    .await?;
    crate::state::redirect_to(&format!("/seances/{session_id}?promu=1#places"))
}
