use leptos::prelude::*;
use shared::domain::{PersonId, YouthForm};

use crate::error::AppError;

/// Saves a youth's edited file.
#[server]
pub async fn update_youth(id: PersonId, youth: YouthForm) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_youth(&call.db, &call.actor, id, &youth, &call.mail, call.now).await?;
    crate::state::redirect_to(&format!("/jeunes/{id}?enregistre=1"))
}
