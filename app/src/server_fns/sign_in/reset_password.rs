use leptos::prelude::*;

use crate::error::AppError;

/// Sets a new staff password from an emailed link; every other session of the account ends.
#[server]
pub async fn reset_password(
    token: String,
    password: String,
    password_confirmation: String,
) -> Result<(), AppError> {
    use crate::session::{begin_session, client_ip};
    let page = format!("/mot-de-passe/{token}");
    let result = async move {
        let call = crate::state::call()?;
        let password = shared::domain::NewPassword::parse(&password, &password_confirmation)
            .map_err(shared::ServiceError::from)?;
        let signed_in = shared::services::reset_password(
            &call.db,
            &token,
            &password,
            client_ip().as_deref(),
            call.now,
        )
        .await?;
        begin_session(&call.state, &signed_in).await;
        crate::state::redirect_to("/accueil")
    }
    .await;
    crate::error::back_to_page_on_error::<ResetPassword, _>(&page, result)
}
