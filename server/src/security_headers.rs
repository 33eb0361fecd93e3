//! What every answer tells the browser, and which host Ateliers answers for (issue 17).
//!
//! - `Content-Security-Policy`. A page (HTML) runs scripts only from Ateliers or carrying this
//!   answer's nonce — a fresh one per answer, which Leptos puts on the islands' loader and on
//!   its resource scripts ([`provide_request_nonce`]) — and compiles the islands' wasm
//!   (`'wasm-unsafe-eval'`); never `'unsafe-inline'` nor `eval`. Styles come only from Ateliers
//!   (the paper-scan refusal page's inline style is allowed by its hash), nothing from
//!   elsewhere, forms post only to Ateliers, and no page may be framed. Every other answer
//!   (files, JSON, redirects, errors) may load and run nothing.
//! - `X-Frame-Options: DENY` for browsers without `frame-ancestors`; `X-Content-Type-Options:
//!   nosniff`.
//! - `Referrer-Policy: same-origin`: no other site learns which page a person came from. Where
//!   the address holds a secret (the emailed sign-in and password links, the calendar feed) no
//!   request made from it carries that address: the pages send `strict-origin` (only
//!   `https://host/`), the feed `no-referrer`. Not `no-referrer` on those pages: browsers then
//!   send `Origin: null` with their own form, which the CSRF check (rightly) refuses.
//! - `Strict-Transport-Security` when `ATELIERS_PUBLIC_URL` is https.
//! - The `Host` of each request checked against `ATELIERS_PUBLIC_URL` when it is set (421
//!   otherwise): a forged Host steers nothing. `/healthz`, `/readyz` and `/metrics` answer any
//!   host, for load balancers and Prometheus, which reach an instance by its own address. Behind a reverse proxy, the
//!   proxy must pass the Host on (nginx: `proxy_set_header Host $host;`).

use std::sync::Arc;

use anyhow::Context;
use axum::extract::{Request, State};
use axum::http::uri::Authority;
use axum::http::{HeaderName, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;

/// What the headers depend on: the public address, when there is one.
#[derive(Clone, Debug)]
pub struct SecurityPolicy(Arc<Policy>);

#[derive(Debug)]
struct Policy {
    public: Option<PublicAddress>,
    /// `'sha256-…'` of the inline styles a page may hold.
    style_hashes: String,
}

#[derive(Debug)]
struct PublicAddress {
    /// `https://host[:port]`, as operators wrote it (for the refusal's message).
    url: String,
    host: String,
    port: u16,
    https: bool,
}

/// Paths whose address holds a secret token.
fn holds_a_secret(path: &str) -> bool {
    ["/connexion/", "/mot-de-passe/", "/calendrier/"]
        .iter()
        .any(|prefix| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| !rest.is_empty())
        })
}

impl SecurityPolicy {
    /// From `ATELIERS_PUBLIC_URL` (None: no Host check, no HSTS) and the inline styles allowed.
    pub fn new(public_url: Option<&str>, inline_styles: &[&str]) -> anyhow::Result<Self> {
        let public = public_url.map(PublicAddress::parse).transpose()?;
        let style_hashes = inline_styles
            .iter()
            .map(|style| {
                use base64::Engine as _;
                use sha2::Digest as _;
                let digest = sha2::Sha256::digest(style.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect();
        Ok(Self(Arc::new(Policy {
            public,
            style_hashes,
        })))
    }

    /// The Host a request names, when a public address is set and it is another one.
    fn refuses(&self, request: &Request) -> Option<&PublicAddress> {
        let public = self.0.public.as_ref()?;
        if matches!(request.uri().path(), "/healthz" | "/readyz" | "/metrics") {
            return None;
        }
        // HTTP/1.1 sends `Host`; HTTP/2 puts it in the URI (`:authority`).
        let named = request
            .headers()
            .get(header::HOST)
            .and_then(|host| host.to_str().ok())
            .and_then(|host| host.parse::<Authority>().ok())
            .or_else(|| request.uri().authority().cloned());
        let matches = named.is_some_and(|named| {
            named.host().eq_ignore_ascii_case(&public.host)
                && named.port_u16().unwrap_or(public.default_port()) == public.port
        });
        (!matches).then_some(public)
    }

    fn page_policy(&self, nonce: &Nonce) -> String {
        format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'{styles}; img-src 'self'; font-src 'self'; connect-src 'self'; \
             form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'",
            styles = self.0.style_hashes
        )
    }
}

/// Nothing in a file, JSON answer, redirect or error may load or run.
const STRICT_POLICY: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HSTS: &str = "max-age=31536000; includeSubDomains";

impl PublicAddress {
    fn parse(url: &str) -> anyhow::Result<Self> {
        let invalid = || {
            format!(
                "ATELIERS_PUBLIC_URL must be an address like https://ateliers.example.org, not {url}"
            )
        };
        let uri = url.parse::<Uri>().with_context(invalid)?;
        let https = match uri.scheme_str() {
            Some("https") => true,
            Some("http") => false,
            _ => anyhow::bail!(invalid()),
        };
        let authority = uri.authority().with_context(invalid)?;
        let mut address = Self {
            url: format!("{}://{authority}", if https { "https" } else { "http" }),
            host: authority.host().to_ascii_lowercase(),
            port: 0,
            https,
        };
        address.port = authority.port_u16().unwrap_or(address.default_port());
        Ok(address)
    }

    fn default_port(&self) -> u16 {
        if self.https { 443 } else { 80 }
    }
}

/// Leptos context: the nonce of this answer (put into the request by [`secure_responses`]),
/// in place of the one leptos_axum makes up, so the scripts carry the nonce of the header.
pub fn provide_request_nonce() {
    use leptos::prelude::{provide_context, use_context};
    if let Some(nonce) = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned())
    {
        provide_context(nonce);
    }
}

/// Refuses a request for another host, gives the request its nonce, and sets the headers on
/// whatever answer comes back — pages, files, redirects and every error alike.
pub async fn secure_responses(
    State(policy): State<SecurityPolicy>,
    mut request: Request,
    next: Next,
) -> Response {
    let holds_a_secret = holds_a_secret(request.uri().path());
    let (mut response, nonce) = match policy.refuses(&request) {
        Some(public) => {
            tracing::info!(path = %request.uri().path(), "request for another host refused");
            let message = format!(
                "Cette adresse ne mène pas à Ateliers. Ouvrez {} pour y accéder.\n",
                public.url
            );
            let refusal = (
                StatusCode::MISDIRECTED_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                message,
            );
            (refusal.into_response(), None)
        }
        None => {
            let nonce = Nonce::new();
            request.extensions_mut().insert(nonce.clone());
            (next.run(request).await, Some(nonce))
        }
    };
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    let content_policy = match nonce {
        Some(nonce) if is_page => policy.page_policy(&nonce),
        _ => STRICT_POLICY.to_owned(),
    };
    let referrer = match (holds_a_secret, is_page) {
        (false, _) => "same-origin",
        (true, true) => "strict-origin",
        (true, false) => "no-referrer",
    };
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_SECURITY_POLICY, &content_policy);
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, referrer);
    if policy.0.public.as_ref().is_some_and(|public| public.https) {
        set(header::STRICT_TRANSPORT_SECURITY, HSTS);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_address_is_read_with_its_default_port() {
        let address = PublicAddress::parse("https://Ateliers.Example.org/").expect("valid");
        assert_eq!(
            (address.host.as_str(), address.port),
            ("ateliers.example.org", 443)
        );
        assert_eq!(address.url, "https://Ateliers.Example.org");
        let address = PublicAddress::parse("http://127.0.0.1:3000").expect("valid");
        assert_eq!((address.host.as_str(), address.port), ("127.0.0.1", 3000));
        for wrong in [
            "ateliers.example.org",
            "ftp://ateliers.example.org",
            "https://",
        ] {
            assert!(PublicAddress::parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn only_addresses_with_a_token_hold_a_secret() {
        for path in ["/connexion/abc", "/mot-de-passe/abc", "/calendrier/abc.ics"] {
            assert!(holds_a_secret(path), "{path}");
        }
        for path in [
            "/connexion",
            "/connexion/",
            "/mot-de-passe-oublie",
            "/calendrier",
            "/mon-agenda",
        ] {
            assert!(!holds_a_secret(path), "{path}");
        }
    }

    #[test]
    fn an_inline_style_is_allowed_by_its_hash() {
        // The hash CSP expects: base64 of the SHA-256 of the style's text.
        let policy = SecurityPolicy::new(None, &["body{margin:0}"]).expect("a policy");
        assert!(
            policy
                .page_policy(&Nonce::new())
                .contains("style-src 'self' 'sha256-")
        );
    }
}
