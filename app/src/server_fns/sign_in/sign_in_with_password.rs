use leptos::prelude::*;

use crate::error::AppError;

/// Staff sign-in with email and password.
#[server]
pub async fn sign_in_with_password(email: String, password: String) -> Result<(), AppError> {
    use crate::session::{begin_session, client_address};
    let call = crate::state::call()?;
    let signed_in = shared::services::sign_in_with_password(
        &call.db,
        &call.state.password_checks,
        &email,
        &password,
        client_address(),
        &call.state.rate_limits,
        call.now,
    )
    .await?;
    begin_session(&call.state, &signed_in).await;
    crate::state::redirect_to("/accueil")
}
