use leptos::prelude::*;

use crate::error::AppError;

/// A failure that stops a page, told in French, announced to screen readers. On the server it
/// also sets the page's HTTP status: 404 for a missing page, 401 when one must sign in, 403 when
/// the account may not see it, 503 for an outage.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
    let sign_in = matches!(error, AppError::NotSignedIn(_));
    view! {
        <div class="notice notice--error" role="alert" data-test="error">
            <p>{error.message().to_owned()}</p>
            {sign_in
                .then(|| {
                    view! {
                        <p>
                            <a href="/connexion">"Se connecter"</a>
                        </p>
                    }
                })}
        </div>
    }
}

/// The answer to a form that was refused, shown above the form. The page itself is fine, so the
/// HTTP status stays 200 — except after too many attempts, which answer 429.
#[component]
pub fn FormError(error: Option<AppError>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let (Some(AppError::TooManyRequests(_)), Some(response)) =
        (&error, use_context::<leptos_axum::ResponseOptions>())
    {
        response.set_status(axum::http::StatusCode::TOO_MANY_REQUESTS);
    }
    error.map(|error| {
        view! {
            <div class="notice notice--error" role="alert" data-test="form-error">
                <p>{error.message().to_owned()}</p>
            </div>
        }
    })
}
