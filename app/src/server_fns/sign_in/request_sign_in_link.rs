use leptos::prelude::*;

use crate::error::AppError;

/// The sign-in form of youths and facilitators: emails a link, then shows the same "check your
/// mail" page whether the address is known or not.
#[server]
pub async fn request_sign_in_link(email: String) -> Result<(), AppError> {
    use crate::session::client_address;
    let state = crate::state::app_state()?;
    shared::services::request_sign_in_link(
        &state.db,
        &email,
        client_address(),
        &state.mail,
        &state.rate_limits,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/lien-envoye");
    Ok(())
}
