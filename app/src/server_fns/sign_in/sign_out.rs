use leptos::prelude::*;

use crate::error::AppError;

/// Ends this browser's session (the cookie goes, and the session is revoked in the database so
/// a copied cookie stops working too).
#[server]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::session::{current_session_token, expired_session_cookie, set_cookie};
    let call = crate::state::call()?;
    if let Some(token) = current_session_token() {
        shared::services::sign_out(&call.db, &token, call.now).await?;
    }
    set_cookie(&expired_session_cookie(call.state.secure_cookies));
    crate::state::redirect_to("/connexion?deconnecte=1")
}
