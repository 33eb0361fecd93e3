use leptos::prelude::*;

use crate::error::AppError;

/// The button behind an emailed link (a POST, so that a mail scanner opening the link signs
/// nobody in): opens a long session on this phone and goes home.
#[server]
pub async fn redeem_sign_in_link(token: String) -> Result<(), AppError> {
    use crate::session::{begin_session, client_ip};
    let page = format!("/connexion/{token}");
    let result = async move {
        let state = crate::state::app_state()?;
        let signed_in = shared::services::redeem_sign_in_link(
            &state.db,
            &token,
            client_ip().as_deref(),
            state.clock.now(),
        )
        .await?;
        begin_session(&state, &signed_in).await;
        leptos_axum::redirect("/accueil");
        Ok(())
    }
    .await;
    crate::error::back_to_page_on_error::<RedeemSignInLink, _>(&page, result)
}
