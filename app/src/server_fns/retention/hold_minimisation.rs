use leptos::prelude::*;
use shared::domain::PersonId;

use crate::error::AppError;

/// Suspends a youth's minimisation (a control, a dispute), with a reason.
#[server]
pub async fn hold_minimisation(
    youth_id: PersonId,
    reason: String,
    from_file: Option<String>,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::hold_minimisation(&call.db, &call.actor, youth_id, &reason, call.now).await?;
    // Back to the page the form was on: the youth's file, or the list.
    if from_file.is_some() {
        crate::state::redirect_to(&format!("/jeunes/{youth_id}?suspendu=1"))
    } else {
        crate::state::redirect_to("/conservation?suspendu=1")
    }
}
