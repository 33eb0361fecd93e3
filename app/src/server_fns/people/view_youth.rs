use leptos::prelude::*;
use shared::domain::{PersonId, YouthDetails};

use crate::error::AppError;

/// One youth's file, as the signed-in person may read it.
#[server]
pub async fn view_youth(id: PersonId) -> Result<YouthDetails, AppError> {
    let call = crate::state::call()?;
    Ok(shared::services::view_youth(&call.db, &call.actor, id, call.now).await?)
}
