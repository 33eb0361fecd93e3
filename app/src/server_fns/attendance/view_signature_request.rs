use leptos::prelude::*;
use shared::domain::{HalfDayNumber, PersonId, SessionId, SignatureRequest};

use crate::error::AppError;

/// The page where a youth signs. `youth_id` 0 means the signed-in youth themself; no
/// `half_day`, the one under way.
#[server]
pub async fn view_signature_request(
    session_id: SessionId,
    youth_id: PersonId,
    half_day: Option<HalfDayNumber>,
) -> Result<SignatureRequest, AppError> {
    let call = crate::state::call()?;
    let youth_id = (youth_id.get() != 0).then_some(youth_id);
    Ok(shared::services::view_signature_request(
        &call.db,
        &call.actor,
        session_id,
        youth_id,
        half_day,
        call.now,
    )
    .await?)
}
