use leptos::prelude::*;

use crate::error::AppError;

/// The code received by SMS, typed with its number: opens a long session on this phone and
/// goes home.
#[server]
pub async fn redeem_sign_in_code(phone: String, code: String) -> Result<(), AppError> {
    use crate::session::{begin_session, client_ip};
    let call = crate::state::call()?;
    let signed_in = shared::services::redeem_sign_in_code(
        &call.db,
        &phone,
        &code,
        client_ip().as_deref(),
        call.now,
    )
    .await?;
    begin_session(&call.state, &signed_in).await;
    crate::state::redirect_to("/accueil")
}
