use leptos::prelude::*;
use shared::domain::SignedInPerson;

use crate::error::AppError;

/// Who is signed in, for the header; `None` for a visitor.
#[server]
pub async fn describe_actor() -> Result<Option<SignedInPerson>, AppError> {
    let state = crate::state::app_state()?;
    Ok(shared::services::describe_actor(&state.db, &crate::session::current_actor()).await?)
}
