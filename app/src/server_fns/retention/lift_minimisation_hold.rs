use leptos::prelude::*;
use shared::domain::PersonId;

use crate::error::AppError;

/// Lifts the hold on a youth's minimisation.
#[server]
pub async fn lift_minimisation_hold(
    youth_id: PersonId,
    from_file: Option<String>,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::lift_minimisation_hold(&call.db, &call.actor, youth_id, call.now).await?;
    // Back to the page the form was on: the youth's file, or the list.
    if from_file.is_some() {
        crate::state::redirect_to(&format!("/jeunes/{youth_id}?leve=1"))
    } else {
        crate::state::redirect_to("/conservation?leve=1")
    }
}
