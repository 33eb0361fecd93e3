use leptos::prelude::*;

use crate::error::AppError;

/// Ends this browser's session (the cookie goes, and the session is revoked in the database so
/// a copied cookie stops working too).
#[server]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::session::{current_session_token, expired_session_cookie, set_cookie};
    let state = crate::state::app_state()?;
    if let Some(token) = current_session_token() {
        shared::services::sign_out(&state.db, &token, state.clock.now()).await?;
    }
    set_cookie(&expired_session_cookie(state.secure_cookies));
    leptos_axum::redirect("/connexion?deconnecte=1");
    Ok(())
}
