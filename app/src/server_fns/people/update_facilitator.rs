use leptos::prelude::*;
use shared::domain::{FacilitatorForm, PersonId};

use crate::error::AppError;

/// Saves a guest facilitator's edited details.
#[server]
pub async fn update_facilitator(
    id: PersonId,
    facilitator: FacilitatorForm,
) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::update_facilitator(
        &call.db,
        &call.actor,
        id,
        &facilitator,
        &call.mail,
        call.now,
    )
    .await?;
    crate::state::redirect_to("/intervenants?enregistre=1")
}
