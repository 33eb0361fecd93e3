use leptos::prelude::*;
use shared::domain::MyEnrolment;

use crate::error::AppError;

/// "Mes inscriptions": the signed-in youth's places and waiting-list positions to come.
#[server]
pub async fn list_my_enrolments() -> Result<Vec<MyEnrolment>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::list_my_enrolments(&call.db, &call.actor, call.now).await?)
}
