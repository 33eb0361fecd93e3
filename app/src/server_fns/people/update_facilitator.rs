use leptos::prelude::*;
use shared::domain::{FacilitatorForm, PersonId};

use crate::error::AppError;

/// Saves a guest facilitator's edited details.
#[server]
pub async fn update_facilitator(
    id: PersonId,
    facilitator: FacilitatorForm,
) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    shared::services::update_facilitator(
        &state.db,
        &crate::session::current_actor(),
        id,
        &facilitator,
        &state.mail,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/intervenants?enregistre=1");
    Ok(())
}
