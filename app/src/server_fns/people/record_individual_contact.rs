use leptos::prelude::*;
use shared::domain::{ContactForm, PersonId};

use crate::error::AppError;

/// Records an interview, call, video call or message with a youth, on their file.
#[server]
pub async fn record_individual_contact(id: PersonId, contact: ContactForm) -> Result<(), AppError> {
    let call = crate::state::call()?;
    shared::services::record_individual_contact(&call.db, &call.actor, id, &contact, call.now)
        .await?;
    crate::state::redirect_to(&format!("/jeunes/{id}?contact=1#parcours"))
}
