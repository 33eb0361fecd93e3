use leptos::prelude::*;
use shared::domain::{PersonId, YouthForm};

use crate::error::AppError;

/// A counsellor opens a youth's file; the youth gets a welcome mail with a sign-in link.
#[server]
pub async fn create_youth(youth: YouthForm) -> Result<PersonId, AppError> {
    let call = crate::state::call()?;
    let id =
        shared::services::create_youth(&call.db, &call.actor, &youth, &call.mail, call.now).await?;
    leptos_axum::redirect(&format!("/jeunes/{id}?cree=1"));
    Ok(id)
}
