//! The one error type that crosses the wire between server functions and pages. It carries a
//! French message fit for the person reading it; causes stay in the server's log.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Nothing here, or nothing this person may see.
    #[error("{0}")]
    NotFound(String),
    /// The input breaks a rule; nothing was saved.
    #[error("{0}")]
    Invalid(String),
    /// Nobody is signed in and the page or action needs someone who is.
    #[error("{0}")]
    NotSignedIn(String),
    /// Signed in, but the access policy refuses this person this page or action.
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts: wait and try again.
    #[error("{0}")]
    TooManyRequests(String),
    /// Our side failed (database, bug); nothing was saved.
    #[error("{0}")]
    Unavailable(String),
    /// The request did not reach the server or its answer did not come back.
    #[error("{0}")]
    Network(String),
}

impl AppError {
    pub fn message(&self) -> &str {
        match self {
            AppError::NotFound(message)
            | AppError::Invalid(message)
            | AppError::NotSignedIn(message)
            | AppError::Forbidden(message)
            | AppError::TooManyRequests(message)
            | AppError::Unavailable(message)
            | AppError::Network(message) => message,
        }
    }
}

const NETWORK_MESSAGE: &str =
    "La connexion avec Ateliers a échoué. Vérifiez votre connexion internet puis réessayez.";

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => {
                AppError::Network(NETWORK_MESSAGE.into())
            }
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => invalid_form(),
            // On the server, a request body that cannot be read (not UTF-8, over the size
            // limit) is the sender's fault too; in the browser it is an answer that did not
            // decode, which stays « indisponible ».
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_) => invalid_form(),
            _ => AppError::Unavailable(shared::error::UNAVAILABLE_MESSAGE.into()),
        }
    }
}

/// A tampered, truncated or garbled form: the client's fault (400), not ours.
fn invalid_form() -> AppError {
    let error = AppError::Invalid("Le formulaire est incomplet ou mal rempli.".into());
    #[cfg(feature = "ssr")]
    set_status_for_scripts(&error);
    error
}

impl AppError {
    /// The HTTP status that tells a client what went wrong.
    #[cfg(feature = "ssr")]
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::NotSignedIn(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) | AppError::Network(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

/// Gives a server function's failed answer its real HTTP status (400, 401, 403, 429...) when
/// a script called it. A plain form post (`Accept: text/html`) keeps the redirect back to the
/// page it came from (its `Referer`), which shows the message — a form post without one gets
/// the status too, or it would be a 500; a page that calls a server function while rendering
/// sets its own status (see `components::ErrorNotice`).
#[cfg(feature = "ssr")]
fn set_status_for_scripts(error: &AppError) {
    use leptos::prelude::use_context;
    let from_a_script = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        let server_function = parts.uri.path().starts_with("/api/");
        let form_post = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"));
        let sent_back = form_post && parts.headers.contains_key(axum::http::header::REFERER);
        server_function && !sent_back
    });
    if from_a_script && let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status());
    }
}

/// The pages of emailed links send only their origin as Referer (their address holds the
/// token: see the server's `security_headers`), so Leptos, which sends a refused plain form
/// back to its Referer, would send it to `/` and the error would be lost. This sends it back
/// to `page`, the error in the address as Leptos writes it (the server signs it on the way).
#[cfg(feature = "ssr")]
pub fn back_to_page_on_error<F, T>(page: &str, result: Result<T, AppError>) -> Result<T, AppError>
where
    F: leptos::server_fn::ServerFn,
{
    use leptos::server_fn::error::ServerFnUrlError;
    let plain_path = page
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b"/-_".contains(&byte));
    if let Err(error) = &result
        && plain_path
        && is_plain_form_post()
        && let Ok(url) = ServerFnUrlError::new(F::PATH, error.clone())
            .to_url(&format!("http://ateliers.invalid{page}"))
    {
        leptos_axum::redirect(&format!(
            "{}?{}",
            url.path(),
            url.query().unwrap_or_default()
        ));
    }
    result
}

/// A browser's form posted without JavaScript (it wants HTML back), rather than a script.
#[cfg(feature = "ssr")]
fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}

#[cfg(feature = "ssr")]
impl From<shared::ServiceError> for AppError {
    fn from(error: shared::ServiceError) -> Self {
        let app_error = Self::from_service_error(error);
        set_status_for_scripts(&app_error);
        app_error
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    fn from_service_error(error: shared::ServiceError) -> Self {
        use shared::ServiceError;
        let message = error.user_message();
        match error {
            ServiceError::NotFound => AppError::NotFound(message),
            ServiceError::Invalid(_) => AppError::Invalid(message),
            ServiceError::Forbidden => AppError::Forbidden(message),
            ServiceError::NotSignedIn => AppError::NotSignedIn(message),
            ServiceError::RateLimited | ServiceError::Throttled(_) => {
                AppError::TooManyRequests(message)
            }
            ServiceError::Database(ref cause) => {
                // Display, not Debug: PostgreSQL's detail (« Key (email)=(…) ») stays out.
                tracing::error!(error = %error, %cause, "service failed");
                AppError::Unavailable(message)
            }
        }
    }
}
