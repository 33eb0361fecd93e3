use leptos::prelude::*;
use shared::domain::{ErasureOutcome, PersonId};

use crate::error::AppError;

/// Acts on a youth's erasure request (coordinators): what is not evidence goes at once.
#[server]
pub async fn erase_youth_data(
    id: PersonId,
    confirm: Option<String>,
) -> Result<ErasureOutcome, AppError> {
    let call = crate::state::call()?;
    let settings = call.state.retention;
    let outcome = shared::services::erase_youth_data(
        &call.db,
        &call.actor,
        &settings,
        id,
        confirm.is_some(),
        call.now,
    )
    .await?;
    leptos_axum::redirect(&format!("/jeunes/{id}?efface=1"));
    Ok(outcome)
}
