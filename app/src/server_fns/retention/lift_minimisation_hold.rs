use leptos::prelude::*;
use shared::domain::PersonId;

use crate::error::AppError;

/// Lifts the hold on a youth's minimisation.
#[server]
pub async fn lift_minimisation_hold(youth_id: PersonId) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::lift_minimisation_hold(&call.db, &call.actor, youth_id, call.now).await?;
    crate::state::redirect_to("/conservation?leve=1")
}
