use leptos::prelude::*;

use crate::error::AppError;

/// Staff sign-in with email and password.
#[server]
pub async fn sign_in_with_password(email: String, password: String) -> Result<(), AppError> {
    use crate::session::{begin_session, client_address};
    let state = crate::state::app_state()?;
    let signed_in = shared::services::sign_in_with_password(
        &state.db,
        &state.password_checks,
        &email,
        &password,
        client_address(),
        &state.rate_limits,
        state.clock.now(),
    )
    .await?;
    begin_session(&state, &signed_in).await;
    leptos_axum::redirect("/accueil");
    Ok(())
}
