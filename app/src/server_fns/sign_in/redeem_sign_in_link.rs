use leptos::prelude::*;

use crate::error::AppError;

/// The button behind an emailed link (a POST, so that a mail scanner opening the link signs
/// nobody in): opens a long session on this phone and goes home.
#[server]
pub async fn redeem_sign_in_link(token: String) -> Result<(), AppError> {
    use crate::session::{begin_session, client_ip};
    let page = format!("/connexion/{token}");
    let result = async move {
        let call = crate::state::call()?;
        let signed_in = shared::services::redeem_sign_in_link(
            &call.db,
            &token,
            client_ip().as_deref(),
            call.now,
        )
        .await?;
        begin_session(&call.state, &signed_in).await;
        crate::state::redirect_to("/accueil")
    }
    .await;
    crate::error::back_to_page_on_error::<RedeemSignInLink, _>(&page, result)
}
