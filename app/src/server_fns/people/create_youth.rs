use leptos::prelude::*;
use shared::domain::{PersonId, YouthForm};

use crate::error::AppError;

/// A counsellor opens a youth's file; the youth gets a welcome mail with a sign-in link.
#[server]
pub async fn create_youth(youth: YouthForm) -> Result<PersonId, AppError> {
    let state = crate::state::app_state()?;
    let id = shared::services::create_youth(
        &state.db,
        &crate::session::current_actor(),
        &youth,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/jeunes/{id}?cree=1"));
    Ok(id)
}
