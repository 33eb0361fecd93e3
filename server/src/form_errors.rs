//! Errors that come back to a page in its address are Ateliers' own (issue 17, item 9).
//!
//! A plain form posted to a server function that fails is sent back to its page with the error
//! in the address (`?__path=<function>&__err=<error>`, written by Leptos), and the page shows
//! that error as its own words. Anyone can write such an address: a link to the real sign-in
//! page saying « Votre compte est suspendu, appelez le 08… » would be phishing on our domain.
//! So Ateliers signs the error addresses it writes (`&__sig=`) and, before a page renders,
//! removes any error whose signature is missing, wrong or old: the page then shows no error.
//!
//! The signature is an HMAC-SHA256 over the expiry, the session cookie of the browser that
//! posted (none for a visitor), `__path` and `__err`: an address works for ten minutes, in the
//! browser that sent the form — someone signed in cannot hand out an error that echoes what
//! they typed. Its key is random, made on first start and kept in the database
//! ([`shared::services::load_server_key`]), so every instance shares it and operators have
//! nothing to set.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long the address of an error stays good: the browser follows it at once; a little
/// more for a reload.
const LIFETIME: Duration = Duration::minutes(10);

/// The name of the key in the database.
pub const KEY_NAME: &str = "form_errors";

const ERROR: &str = "__err";
const FUNCTION: &str = "__path";
const SIGNATURE: &str = "__sig";

/// Signs and checks the errors of form posts, with the deployment's key.
#[derive(Clone)]
pub struct FormErrorSeal {
    key: Arc<[u8]>,
    clock: shared::clock::Clock,
}

impl std::fmt::Debug for FormErrorSeal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print the key.
        f.debug_struct("FormErrorSeal").finish_non_exhaustive()
    }
}

impl FormErrorSeal {
    pub fn new(key: &[u8], clock: shared::clock::Clock) -> Self {
        Self {
            key: key.into(),
            clock,
        }
    }

    fn mac(&self, expires: i64, session: &str, function: &str, error: &str) -> Hmac<Sha256> {
        #[expect(clippy::expect_used, reason = "HMAC takes a key of any length")]
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        // Each part with its length, so that no two different sets of parts sign alike.
        for part in [expires.to_string().as_str(), session, function, error] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        mac
    }

    /// `location` with a fresh signature for its error, or without a stale signature when it
    /// has no error (a later success going back to the page). None when nothing changes.
    fn seal(&self, location: &str, session: &str, now: DateTime<Utc>) -> Option<String> {
        let (base, query, fragment) = split_address(location);
        let query = query?;
        let mut pairs = parse_pairs(query);
        if !pairs
            .iter()
            .any(|(name, _)| name == SIGNATURE || name == ERROR)
        {
            return None;
        }
        pairs.retain(|(name, _)| name != SIGNATURE);
        // Leptos appends the new error to the page's address, which may hold the previous
        // one: keep only the newest (the page would read the first).
        for name in [FUNCTION, ERROR] {
            let count = pairs.iter().filter(|(key, _)| key == name).count();
            let mut seen = 0;
            pairs.retain(|(key, _)| {
                seen += usize::from(key == name);
                key != name || seen == count
            });
        }
        if let (Some(function), Some(error)) = (value(&pairs, FUNCTION), value(&pairs, ERROR)) {
            let expires = (now + LIFETIME).timestamp();
            let signature = self.mac(expires, session, function, error).finalize();
            let signature = format!(
                "{expires}.{}",
                base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(signature.into_bytes())
            );
            pairs.push((SIGNATURE.to_owned(), signature));
        }
        Some(join_address(base, &pairs, fragment))
    }

    /// Whether the error of this query was signed by Ateliers for this browser and is recent.
    fn is_genuine(&self, pairs: &[(String, String)], session: &str, now: DateTime<Utc>) -> bool {
        let (Some(function), Some(error), Some(signature)) = (
            value(pairs, FUNCTION),
            value(pairs, ERROR),
            value(pairs, SIGNATURE),
        ) else {
            return false;
        };
        let Some((expires, signature)) = signature.split_once('.') else {
            return false;
        };
        let (Ok(expires), Ok(signature)) = (
            expires.parse::<i64>(),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(signature),
        ) else {
            return false;
        };
        expires >= now.timestamp()
            && self
                .mac(expires, session, function, error)
                .verify_slice(&signature)
                .is_ok()
    }

    /// The request's address without its error when that error is not genuine; None when the
    /// address may stay as it is.
    fn screen(&self, uri: &Uri, session: &str, now: DateTime<Utc>) -> Option<Uri> {
        let query = uri.query()?;
        let mut pairs = parse_pairs(query);
        let carries_error = pairs
            .iter()
            .any(|(name, _)| [ERROR, FUNCTION, SIGNATURE].contains(&name.as_str()));
        if !carries_error || self.is_genuine(&pairs, session, now) {
            return None;
        }
        pairs.retain(|(name, _)| ![ERROR, FUNCTION, SIGNATURE].contains(&name.as_str()));
        let mut screened = uri.clone().into_parts();
        screened.path_and_query = Some(join_address(uri.path(), &pairs, None).parse().ok()?);
        Uri::from_parts(screened).ok()
    }
}

fn parse_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.as_str())
}

/// `base?query#fragment`, in its three parts.
fn split_address(address: &str) -> (&str, Option<&str>, Option<&str>) {
    let (address, fragment) = match address.split_once('#') {
        Some((address, fragment)) => (address, Some(fragment)),
        None => (address, None),
    };
    match address.split_once('?') {
        Some((base, query)) => (base, Some(query), fragment),
        None => (address, None, fragment),
    }
}

fn join_address(base: &str, pairs: &[(String, String)], fragment: Option<&str>) -> String {
    let mut address = base.to_owned();
    if !pairs.is_empty() {
        address.push('?');
        address.push_str(
            &form_urlencoded::Serializer::new(String::new())
                .extend_pairs(pairs)
                .finish(),
        );
    }
    if let Some(fragment) = fragment {
        address.push('#');
        address.push_str(fragment);
    }
    address
}

/// Removes an error that Ateliers did not sign for this browser from the request's address
/// (before the page reads it), and signs the error a form post sends back to its page.
pub async fn seal_form_errors(
    State(seal): State<FormErrorSeal>,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let session = app::session::session_token(&parts).unwrap_or_default();
    let now = seal.clock.now();
    if let Some(screened) = seal.screen(&parts.uri, &session, now) {
        tracing::info!(path = %parts.uri.path(), "form error without a valid signature removed");
        parts.uri = screened;
    }
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let sealed = response
        .headers()
        .get(header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .and_then(|location| seal.seal(location, &session, now))
        .and_then(|location| HeaderValue::from_str(&location).ok());
    if let Some(location) = sealed {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCATION: &str =
        "http://ateliers.example/connexion?a=1&__path=%2Fapi%2Fsign_in&__err=eyJ9";

    fn pairs_of(address: &str) -> Vec<(String, String)> {
        parse_pairs(split_address(address).1.expect("a query"))
    }

    #[test]
    fn a_sealed_error_is_genuine_for_its_browser_for_ten_minutes() {
        let seal = FormErrorSeal::new(b"a key of the deployment", Default::default());
        let now = Utc::now();
        let sealed = seal.seal(LOCATION, "session", now).expect("signed");
        assert!(sealed.starts_with("http://ateliers.example/connexion?a=1&"));
        let pairs = pairs_of(&sealed);
        assert!(seal.is_genuine(&pairs, "session", now));
        assert!(seal.is_genuine(&pairs, "session", now + Duration::minutes(10)));
        assert!(!seal.is_genuine(&pairs, "session", now + Duration::minutes(11)));
        assert!(!seal.is_genuine(&pairs, "", now), "another browser");
        assert!(!seal.is_genuine(&pairs, "session2", now), "another session");
        let other_key = FormErrorSeal::new(b"another deployment", Default::default());
        assert!(!other_key.is_genuine(&pairs, "session", now));
    }

    #[test]
    fn a_changed_error_or_function_is_not_genuine() {
        let seal = FormErrorSeal::new(b"key", Default::default());
        let now = Utc::now();
        let sealed = seal.seal(LOCATION, "", now).expect("signed");
        for (name, forged) in [(ERROR, "eyJ8"), (FUNCTION, "/api/other")] {
            let mut pairs = pairs_of(&sealed);
            for pair in &mut pairs {
                if pair.0 == name {
                    pair.1 = forged.to_owned();
                }
            }
            assert!(!seal.is_genuine(&pairs, "", now), "{name}");
        }
        let mut pairs = pairs_of(&sealed);
        for pair in &mut pairs {
            if pair.0 == SIGNATURE {
                let (_, mac) = pair.1.split_once('.').expect("expiry.mac");
                // A later expiry under the same MAC.
                pair.1 = format!("{}.{mac}", (now + Duration::days(365)).timestamp());
            }
        }
        assert!(!seal.is_genuine(&pairs, "", now), "the expiry is signed");
    }

    #[test]
    fn an_unsigned_error_is_removed_and_the_rest_of_the_address_kept() {
        let seal = FormErrorSeal::new(b"key", Default::default());
        let now = Utc::now();
        let uri: Uri = "/connexion?deconnecte=1&__path=%2Fapi%2Fx&__err=eyJ9&__sig=1.abc"
            .parse()
            .expect("a URI");
        let screened = seal.screen(&uri, "", now).expect("screened");
        assert_eq!(screened.to_string(), "/connexion?deconnecte=1");
        let uri: Uri = "/connexion?__err=eyJ9".parse().expect("a URI");
        assert_eq!(
            seal.screen(&uri, "", now).expect("screened").to_string(),
            "/connexion"
        );
        let clean: Uri = "/ateliers?theme=emploi".parse().expect("a URI");
        assert!(seal.screen(&clean, "", now).is_none());
        let sealed: Uri = seal
            .seal("/connexion?__path=%2Fapi%2Fx&__err=eyJ9", "", now)
            .expect("signed")
            .parse()
            .expect("a URI");
        assert!(
            seal.screen(&sealed, "", now).is_none(),
            "a genuine one stays"
        );
    }

    #[test]
    fn only_the_newest_error_is_kept() {
        let seal = FormErrorSeal::new(b"key", Default::default());
        let now = Utc::now();
        let sealed = seal
            .seal(
                "/connexion?__path=%2Fapi%2Fx&__err=old&__sig=1.abc&__path=%2Fapi%2Fy&__err=new",
                "",
                now,
            )
            .expect("signed");
        let pairs = pairs_of(&sealed);
        assert_eq!(value(&pairs, ERROR), Some("new"));
        assert_eq!(value(&pairs, FUNCTION), Some("/api/y"));
        assert_eq!(pairs.len(), 3, "{sealed}");
        assert!(seal.is_genuine(&pairs, "", now));
    }

    #[test]
    fn a_success_drops_the_stale_signature_and_other_redirects_are_untouched() {
        let seal = FormErrorSeal::new(b"key", Default::default());
        let now = Utc::now();
        assert_eq!(
            seal.seal("/connexion?a=1&__sig=1.abc#haut", "", now)
                .as_deref(),
            Some("/connexion?a=1#haut")
        );
        assert_eq!(seal.seal("/accueil", "", now), None);
        assert_eq!(seal.seal("/seances/3?enregistre=1#places", "", now), None);
    }
}
