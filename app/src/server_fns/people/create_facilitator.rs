use leptos::prelude::*;
use shared::domain::{FacilitatorForm, PersonId};

use crate::error::AppError;

/// A counsellor adds a guest facilitator, who gets a welcome mail with a sign-in link.
#[server]
pub async fn create_facilitator(facilitator: FacilitatorForm) -> Result<PersonId, AppError> {
    let state = crate::state::app_state()?;
    let id = shared::services::create_facilitator(
        &state.db,
        &crate::session::current_actor(),
        &facilitator,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/intervenants?ajoute=1");
    Ok(id)
}
