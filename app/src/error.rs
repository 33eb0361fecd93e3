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
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid("Le formulaire est incomplet ou mal rempli.".into())
            }
            _ => AppError::Unavailable(shared::error::UNAVAILABLE_MESSAGE.into()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<shared::ServiceError> for AppError {
    fn from(error: shared::ServiceError) -> Self {
        use shared::ServiceError;
        let message = error.user_message();
        match error {
            ServiceError::NotFound => AppError::NotFound(message),
            ServiceError::Invalid(_) => AppError::Invalid(message),
            ServiceError::Database(ref cause) => {
                tracing::error!(error = %error, cause = ?cause, "service failed");
                AppError::Unavailable(message)
            }
        }
    }
}
