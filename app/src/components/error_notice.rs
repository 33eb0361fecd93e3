use leptos::prelude::*;

use crate::error::AppError;

/// A failure, told in French, announced to screen readers. On the server it also sets the
/// page's HTTP status, so a missing page is a 404 and an outage a 503.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        use axum::http::StatusCode;
        response.set_status(match error {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Unavailable(_) | AppError::Network(_) => StatusCode::SERVICE_UNAVAILABLE,
        });
    }
    view! {
        <div class="notice notice--error" role="alert" data-test="error">
            <p>{error.message().to_owned()}</p>
        </div>
    }
}
