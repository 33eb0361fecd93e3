use leptos::prelude::*;

use crate::error::AppError;

/// "Forgot my password": emails a staff member a link; the same answer for every address.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::session::client_address;
    let call = crate::state::call()?;
    shared::services::request_password_reset(
        &call.db,
        &email,
        client_address(),
        &call.mail,
        &call.state.rate_limits,
        call.now,
    )
    .await?;
    crate::state::redirect_to("/mot-de-passe-oublie?envoye=1")
}
