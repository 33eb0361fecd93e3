use leptos::prelude::*;
use shared::domain::{FacilitatorForm, PersonId};

use crate::error::AppError;

/// A counsellor adds a guest facilitator, who gets a welcome mail with a sign-in link.
#[server]
pub async fn create_facilitator(facilitator: FacilitatorForm) -> Result<PersonId, AppError> {
    let call = crate::state::call()?;
    let id = shared::services::create_facilitator(
        &call.db,
        &call.actor,
        &facilitator,
        &call.mail,
        call.now,
    )
    .await?;
    leptos_axum::redirect("/intervenants?ajoute=1");
    Ok(id)
}
