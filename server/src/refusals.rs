//! Answers to requests Ateliers cannot understand: a garbled address, a query that does not
//! decode, a method a route does not take. Bad input is the sender's fault — a 4xx with a
//! French sentence, never a 5xx nor axum's English rejection text (issue 17, « bad input »):
//! a path parameter that does not parse is a 404, a query that does not decode a 400, a method a
//! route does not take a 405.
//!
//! Server functions get the same treatment in `app::error` (their arguments that do not decode
//! are a 400 `AppError::Invalid`, JSON for scripts, the form's page for browsers): a body that is
//! not UTF-8, a missing or mistyped field, a body over axum's 2 MB. Proven by
//! `server/tests/api/malformed_requests.rs`.

use app::error::AppError;
use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

const NOT_FOUND: &str =
    "Cette page n'existe pas. Vérifiez l'adresse ou revenez à l'accueil d'Ateliers.";
const BAD_QUERY: &str =
    "L'adresse de cette page est mal formée. Revenez sur Ateliers et refaites votre choix.";
const WRONG_METHOD: &str =
    "Cette adresse ne s'utilise pas ainsi. Revenez sur Ateliers et réessayez depuis la page.";

/// A refusal, as its reader wants it: a script calling a server function (`/api/…`, not asking
/// for HTML) reads the JSON `AppError` the function itself would send; a person reads the
/// French sentence.
pub fn refuse(uri: &Uri, headers: &HeaderMap, status: StatusCode, error: AppError) -> Response {
    let wants_html = headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    if uri.path().starts_with("/api/") && !wants_html {
        return (status, axum::Json(error)).into_response();
    }
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        error.message().to_owned(),
    )
        .into_response()
}

/// 404: the address names nothing (an id that is not a number, a name that is not UTF-8).
pub fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        NOT_FOUND,
    )
        .into_response()
}

/// 405 for every route, given by the router to a method a route does not take (a GET to a
/// server function, a PUT to a page).
pub async fn method_not_allowed(uri: Uri, headers: HeaderMap) -> Response {
    refuse(
        &uri,
        &headers,
        StatusCode::METHOD_NOT_ALLOWED,
        AppError::Invalid(WRONG_METHOD.into()),
    )
}

/// The parameters of a route's path; a path that does not parse names nothing: 404 in French.
pub struct PathParams<T>(pub T);

impl<S, T> FromRequestParts<S> for PathParams<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(params)| PathParams(params))
            .map_err(|_| not_found())
    }
}

/// A route's query string; one that does not decode (invalid UTF-8 in its escapes) is a 400
/// in French.
pub struct QueryParams<T>(pub T);

impl<S, T> FromRequestParts<S> for QueryParams<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(params)| QueryParams(params))
            .map_err(|_| {
                (
                    StatusCode::BAD_REQUEST,
                    [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                    BAD_QUERY,
                )
                    .into_response()
            })
    }
}
