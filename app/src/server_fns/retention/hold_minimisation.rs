use leptos::prelude::*;
use shared::domain::PersonId;

use crate::error::AppError;

/// Suspends a youth's minimisation (a control, a dispute), with a reason.
#[server]
pub async fn hold_minimisation(youth_id: PersonId, reason: String) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::hold_minimisation(&call.db, &call.actor, youth_id, &reason, call.now).await?;
    crate::state::redirect_to("/conservation?suspendu=1")
}
