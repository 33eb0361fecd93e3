use leptos::prelude::*;

use crate::error::AppError;

/// "Forgot my password": emails a staff member a link; the same answer for every address.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::session::client_address;
    let state = crate::state::app_state()?;
    shared::services::request_password_reset(
        &state.db,
        &email,
        client_address(),
        &state.mail,
        &state.rate_limits,
        state.clock.now(),
    )
    .await?;
    leptos_axum::redirect("/mot-de-passe-oublie?envoye=1");
    Ok(())
}
