use leptos::prelude::*;

use crate::error::AppError;

/// The sign-in form of youths and facilitators: emails a link, then shows the same "check your
/// mail" page whether the address is known or not.
#[server]
pub async fn request_sign_in_link(email: String) -> Result<(), AppError> {
    use crate::session::client_address;
    let call = crate::state::call()?;
    shared::services::request_sign_in_link(
        &call.db,
        &email,
        client_address(),
        &call.mail,
        &call.state.rate_limits,
        call.now,
    )
    .await?;
    crate::state::redirect_to("/lien-envoye")
}
