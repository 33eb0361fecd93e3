//! The session cookie and who the request comes from. A middleware in the server reads the
//! cookie and puts the [`Actor`] into the request's extensions; server functions and pages read
//! it here. Only the server sees any of this.

use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use leptos::prelude::use_context;
use shared::domain::Actor;
use shared::services::SignedIn;

/// The cookie that holds the session token (random, 256 bits; the database keeps its hash).
pub const SESSION_COOKIE: &str = "ateliers_session";

/// The client's network address (for rate limits and the audit log): the connection's peer, or
/// what a trusted reverse proxy says in `X-Forwarded-For` (see `server::client_address`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// Who makes this request; anonymous when there is no valid session.
pub fn current_actor() -> Actor {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<Actor>().cloned())
        .unwrap_or(Actor::Anonymous)
}

pub fn client_address() -> Option<std::net::IpAddr> {
    use_context::<Parts>().and_then(|parts| parts.extensions.get::<ClientIp>().map(|ip| ip.0))
}

/// The client's address as text, for the audit log.
pub fn client_ip() -> Option<String> {
    client_address().map(|address| address.to_string())
}

/// The session token the request carries, if any.
pub fn session_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|header| header.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The request's token, from a server function's context.
pub fn current_session_token() -> Option<String> {
    use_context::<Parts>().and_then(|parts| session_token(&parts))
}

/// `Set-Cookie` for a new session: HttpOnly (no script reads it), SameSite=Lax (other sites'
/// forms do not carry it), Secure when Ateliers is served over https.
pub fn session_cookie(signed_in: &SignedIn, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        signed_in.session.token,
        signed_in.lifetime.num_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

/// `Set-Cookie` that removes the session cookie.
pub fn expired_session_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Adds a `Set-Cookie` header to the response of the current server function.
pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        axum::http::HeaderValue::from_str(value),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// Starts the session `signed_in` on this browser: the session the browser had before (if any)
/// is revoked, so a session id planted before sign-in is worthless after it.
pub async fn begin_session(state: &crate::state::AppState, signed_in: &SignedIn) {
    if let Some(previous) = current_session_token()
        && let Err(error) =
            shared::services::sign_out(&state.db, &previous, state.clock.now()).await
    {
        tracing::warn!(%error, "could not revoke the previous session");
    }
    set_cookie(&session_cookie(signed_in, state.secure_cookies));
}

/// Whether the request is a plain form post from a browser without JavaScript (it accepts
/// HTML), as opposed to a script calling a server function (it accepts JSON). The same test as
/// leptos_axum's own redirect back to the form's page.
pub fn from_plain_form() -> bool {
    use_context::<Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|accept| accept.contains("text/html"))
    })
}
