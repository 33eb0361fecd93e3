use leptos::prelude::*;

use crate::error::AppError;

/// The SMS half of the sign-in form: sends a code to the number, then shows the page where it
/// is typed, whether the number is known or not.
#[server]
pub async fn request_sign_in_code(phone: String) -> Result<(), AppError> {
    use crate::session::client_address;
    let call = crate::state::call()?;
    shared::services::request_sign_in_code(
        &call.db,
        &phone,
        client_address(),
        &call.state.rate_limits,
        call.now,
    )
    .await?;
    // The number was parsed by the service: only digits and `+` go into the address.
    let typed: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    crate::state::redirect_to(&format!("/code-sms?tel={}", typed.replace('+', "%2B")))
}
