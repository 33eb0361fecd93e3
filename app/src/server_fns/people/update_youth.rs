use leptos::prelude::*;
use shared::domain::{PersonId, YouthForm};

use crate::error::AppError;

/// Saves a youth's edited file.
#[server]
pub async fn update_youth(id: PersonId, youth: YouthForm) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::update_youth(
        &state.db,
        &crate::session::current_actor(),
        id,
        &youth,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/jeunes/{id}?enregistre=1"));
    Ok(())
}
