//! Logs and the per-request line: every answer is logged once (`ateliers::requests`, info;
//! hashed assets at debug) with a request id (also sent back as `X-Request-Id`, for a person
//! reporting a problem to quote), the method, the route's template (never the path: tokens and
//! ids travel in it), the status, the latency and the kind of actor (never who), and counted
//! for `/metrics`. No line holds an email, a token or a client's address
//! (`server/tests/api/logs.rs` reads a sign-in journey at TRACE, every crate); `LOG_FORMAT=json`
//! writes one JSON object a line.

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use rand_core::RngCore;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;
use crate::metrics::Metrics;

/// The kind of actor who sent a request (`anonymous`, `youth`, `facilitator`, `counsellor`,
/// `coordinator`), put in the response's extensions by `middleware::identify_actor` so that
/// the request's log line can name it.
#[derive(Clone, Copy, Debug)]
pub struct ActorKind(pub &'static str);

/// Logs and counts every answer of the router (see the module's doc).
pub async fn observe_requests(
    State(metrics): State<Metrics>,
    request: Request,
    next: Next,
) -> Response {
    let started = std::time::Instant::now();
    let mut id = [0_u8; 8];
    rand_core::OsRng.fill_bytes(&mut id);
    let request_id: String = id.iter().map(|byte| format!("{byte:02x}")).collect();
    let method = request.method().clone();
    let asset = request.uri().path().starts_with("/pkg/");
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(no route)".to_owned(), |path| path.as_str().to_owned());
    let mut response = next.run(request).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    metrics.record_request(method.as_str(), &route, status, took);
    let actor = response
        .extensions()
        .get::<ActorKind>()
        .map_or("anonymous", |kind| kind.0);
    let latency_ms = took.as_secs_f64() * 1000.0;
    if asset {
        tracing::debug!(target: "ateliers::requests", request_id, method = %method, route, status, latency_ms, actor, "answered");
    } else {
        tracing::info!(target: "ateliers::requests", request_id, method = %method, route, status, latency_ms, actor, "answered");
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

/// Structured logs on stderr; `RUST_LOG` narrows or widens them (default: info).
pub fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests spawning several apps) is harmless: keep the first.
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}
