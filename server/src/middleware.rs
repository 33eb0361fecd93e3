//! What runs before every request reaches a page or a server function: who is asking (the
//! session cookie, turned into an [`Actor`]) and whether a state-changing request really comes
//! from one of our pages (CSRF).
//!
//! - `identify_actor` puts the `Actor` in the request's extensions (anonymous without a valid
//!   session: `shared::services::identify_actor`); `app::session::current_actor` reads it there.
//! - `reject_cross_site_requests`: a POST, PUT, PATCH or DELETE whose `Origin` (or `Referer`) is
//!   not Ateliers is refused with a 403, in French for a person, the JSON `AppError` for a script.

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use shared::domain::Actor;

use app::session::session_token;
use app::state::AppState;

/// Puts the [`Actor`] of the session cookie (anonymous without one) into the request's
/// extensions, where server functions and pages read it (the client's address is put there by
/// `client_address::identify_client`).
pub async fn identify_actor(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // Hashed assets are the same for everyone: no need to look the session up.
    if request.uri().path().starts_with("/pkg/") {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let actor = match session_token(&parts) {
        Some(token) => {
            match shared::services::identify_actor(&state.db, &token, state.clock.now()).await {
                Ok(actor) => actor,
                Err(error) => {
                    tracing::error!(%error, "identifying the session failed");
                    Actor::Anonymous
                }
            }
        }
        None => Actor::Anonymous,
    };
    let kind = match actor {
        Actor::Anonymous => "anonymous",
        Actor::Youth { .. } => "youth",
        Actor::Facilitator { .. } => "facilitator",
        Actor::Counsellor { .. } => "counsellor",
        Actor::Coordinator { .. } => "coordinator",
    };
    parts.extensions.insert(actor);
    request = Request::from_parts(parts, body);
    let mut response = next.run(request).await;
    response
        .extensions_mut()
        .insert(crate::telemetry::ActorKind(kind));
    response
}

/// Refuses a state-changing request (POST, PUT, PATCH, DELETE) whose `Origin` (or, failing
/// that, `Referer`) is not Ateliers itself. Browsers send `Origin` with every form post, with
/// or without JavaScript, and another site cannot forge it; together with SameSite=Lax cookies
/// this stops cross-site request forgery.
pub async fn reject_cross_site_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|host| host.to_str().ok())
        .unwrap_or_default();
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<axum::http::Uri>().ok());
    let public = state.mail.site_url.parse::<axum::http::Uri>().ok();
    let same_site = claimed.is_some_and(|claimed| {
        let authority = claimed.authority().map(|authority| authority.as_str());
        authority == Some(host)
            || public.as_ref().is_some_and(|public| {
                public.authority().map(|authority| authority.as_str()) == authority
                    && public.scheme() == claimed.scheme()
            })
    });
    if same_site {
        return next.run(request).await;
    }
    // The route's pattern, not the path: a path may carry a token.
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    tracing::warn!(route, "cross-site request refused");
    crate::refusals::refuse(
        request.uri(),
        request.headers(),
        StatusCode::FORBIDDEN,
        app::error::AppError::Forbidden(
            "Demande refusée : elle ne vient pas d'une page d'Ateliers. Revenez sur Ateliers, rechargez la page et réessayez.".into(),
        ),
    )
}
