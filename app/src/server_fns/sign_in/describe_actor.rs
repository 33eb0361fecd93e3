use leptos::prelude::*;
use shared::domain::SignedInPerson;

use crate::error::AppError;

/// Who is signed in, for the header; `None` for a visitor.
#[server]
pub async fn describe_actor() -> Result<Option<SignedInPerson>, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::describe_actor(&call.db, &call.actor).await?)
}
