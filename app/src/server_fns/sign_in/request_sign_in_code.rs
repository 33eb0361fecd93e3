use leptos::prelude::*;

use crate::error::AppError;

/// The SMS half of the sign-in form: sends a code to the number, then shows the page where it
/// is typed, whether the number is known or not.
#[server]
pub async fn request_sign_in_code(phone: String) -> Result<(), AppError> {
    use crate::session::client_address;
    let state = crate::state::app_state()?;
    shared::services::request_sign_in_code(
        &state.db,
        &phone,
        client_address(),
        &state.rate_limits,
        state.clock.now(),
    )
    .await?;
    // The number was parsed by the service: only digits and `+` go into the address.
    let typed: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    leptos_axum::redirect(&format!("/code-sms?tel={}", typed.replace('+', "%2B")));
    Ok(())
}
