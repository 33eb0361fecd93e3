//! `/metrics` in Prometheus's text format (crate `metrics-exporter-prometheus`):
//!
//! - this instance's requests: `ateliers_http_requests_total{method, route, status}` and the
//!   latency histogram `ateliers_http_request_duration_seconds{method, route}` — `route` is
//!   the route's template (`/connexion/{token}`), never a path, so no token and no id reaches a
//!   label and the number of series stays bounded;
//! - this instance's mail passes: `ateliers_mail_delivery_total{outcome="sent|retried|set_aside"}`;
//! - the federation's numbers, read from the database at each scrape (every instance answers
//!   the same), as on the coordinators' « État du service » page: the outbox
//!   (`ateliers_mail_outbox_waiting`, `ateliers_mail_outbox_oldest_waiting_seconds`,
//!   `ateliers_mail_outbox_set_aside`, `ateliers_mail_sent_total`), changes of places
//!   (`ateliers_enrolment_events_total{kind}`: registered, waitlisted, promoted...) and
//!   reminders (`ateliers_reminders_sent_total`).
//!
//! Not public: it answers only a `Authorization: Bearer <METRICS_TOKEN>` (compared as SHA-256
//! digests, in constant time); without `METRICS_TOKEN` it does not exist (404), like any
//! unknown address. The recorder belongs to the instance (not the process-wide one), so tests
//! running several apps in one process read each its own.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use metrics::{Key, Label, Metadata, Recorder, Unit};
use metrics_exporter_prometheus::{
    Matcher, PrometheusBuilder, PrometheusHandle, PrometheusRecorder,
};
use sha2::{Digest, Sha256};
use shared::domain::ServiceHealth;
use shared::services::DeliveryReport;

const REQUESTS: &str = "ateliers_http_requests_total";
const REQUEST_DURATION: &str = "ateliers_http_request_duration_seconds";
const MAIL_DELIVERY: &str = "ateliers_mail_delivery_total";
const SMS_DELIVERY: &str = "ateliers_sms_delivery_total";

/// Latency buckets, in seconds: a page answers in milliseconds, a password check in a quarter
/// of a second, a link request in no less than 0.4 s.
const LATENCY_BUCKETS: [f64; 12] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.4, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static METADATA: Metadata<'static> =
    Metadata::new(module_path!(), metrics::Level::INFO, Some(module_path!()));

/// This instance's recorder, shared by the router, the dispatcher and the `/metrics` route.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
    /// SHA-256 of `METRICS_TOKEN`; `None`: `/metrics` does not exist.
    token_digest: Option<[u8; 32]>,
}

impl Metrics {
    pub fn new(token: Option<&str>) -> Self {
        #[expect(
            clippy::expect_used,
            reason = "LATENCY_BUCKETS is a non-empty constant"
        )]
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(REQUEST_DURATION.to_owned()), &LATENCY_BUCKETS)
            .expect("the buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        describe(&recorder);
        Self(Arc::new(Inner {
            recorder,
            handle,
            token_digest: token
                .filter(|token| !token.is_empty())
                .map(|token| Sha256::digest(token.as_bytes()).into()),
        }))
    }

    fn counter(&self, name: &'static str, labels: Vec<Label>) -> metrics::Counter {
        self.0
            .recorder
            .register_counter(&Key::from_parts(name, labels), &METADATA)
    }

    fn gauge(&self, name: &'static str) -> metrics::Gauge {
        self.0
            .recorder
            .register_gauge(&Key::from_name(name), &METADATA)
    }

    /// One request answered.
    pub fn record_request(&self, method: &str, route: &str, status: u16, took: Duration) {
        let route = Label::new("route", route.to_owned());
        let method = Label::new("method", method.to_owned());
        self.counter(
            REQUESTS,
            vec![
                method.clone(),
                route.clone(),
                Label::new("status", status.to_string()),
            ],
        )
        .increment(1);
        self.0
            .recorder
            .register_histogram(
                &Key::from_parts(REQUEST_DURATION, vec![method, route]),
                &METADATA,
            )
            .record(took.as_secs_f64());
    }

    /// One pass of the mail dispatcher.
    pub fn record_mail_pass(&self, report: &DeliveryReport) {
        for (outcome, count) in [
            ("sent", report.sent),
            ("retried", report.retried),
            ("set_aside", report.set_aside),
        ] {
            self.counter(MAIL_DELIVERY, vec![Label::new("outcome", outcome)])
                .increment(count as u64);
        }
    }

    pub fn record_sms_pass(&self, report: &shared::services::SmsDeliveryReport) {
        for (outcome, count) in [
            ("sent", report.sent),
            ("retried", report.retried),
            ("set_aside", report.set_aside),
        ] {
            self.counter(SMS_DELIVERY, vec![Label::new("outcome", outcome)])
                .increment(count as u64);
        }
    }

    /// The text Prometheus reads, with the federation's numbers as of `health`.
    pub fn render(&self, health: &ServiceHealth) -> String {
        self.gauge("ateliers_mail_outbox_waiting")
            .set(health.mail_waiting as f64);
        self.gauge("ateliers_mail_outbox_oldest_waiting_seconds")
            .set(
                health
                    .oldest_waiting_age()
                    .map_or(0.0, |age| age.num_milliseconds() as f64 / 1000.0),
            );
        self.gauge("ateliers_mail_outbox_set_aside")
            .set(health.mail_set_aside as f64);
        self.counter("ateliers_mail_sent_total", vec![])
            .absolute(health.mail_sent_total);
        for count in &health.enrolment_events {
            self.counter(
                "ateliers_enrolment_events_total",
                vec![Label::new("kind", count.kind.code())],
            )
            .absolute(count.total);
        }
        self.counter("ateliers_reminders_sent_total", vec![])
            .absolute(health.reminders_total);
        self.0.handle.render()
    }

    /// Whether `headers` carry the token; always false when there is none.
    fn allows(&self, headers: &HeaderMap) -> bool {
        let Some(expected) = self.0.token_digest else {
            return false;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(|token| Sha256::digest(token.trim().as_bytes()));
        // Digests of equal length: comparing them leaks nothing of the token.
        given.is_some_and(|given| {
            given
                .iter()
                .zip(expected.iter())
                .fold(0_u8, |difference, (a, b)| difference | (a ^ b))
                == 0
        })
    }

    pub fn enabled(&self) -> bool {
        self.0.token_digest.is_some()
    }
}

fn describe(recorder: &PrometheusRecorder) {
    let counters: [(&'static str, &'static str); 6] = [
        (
            SMS_DELIVERY,
            "SMS this instance's dispatcher sent, retried later, or set aside.",
        ),
        (
            REQUESTS,
            "Requests answered by this instance, by route template and status.",
        ),
        (
            MAIL_DELIVERY,
            "Messages this instance's dispatcher sent, retried later, or set aside.",
        ),
        (
            "ateliers_mail_sent_total",
            "Messages sent, by every instance.",
        ),
        (
            "ateliers_enrolment_events_total",
            "Changes of places (registered, waitlisted, promoted, cancelled...), federation-wide.",
        ),
        (
            "ateliers_reminders_sent_total",
            "Session reminders queued, federation-wide.",
        ),
    ];
    for (name, help) in counters {
        recorder.describe_counter(name.into(), None, help.into());
    }
    recorder.describe_histogram(
        REQUEST_DURATION.into(),
        Some(Unit::Seconds),
        "Time to answer a request, by route template.".into(),
    );
    for (name, help) in [
        (
            "ateliers_mail_outbox_waiting",
            "Messages waiting to be sent.",
        ),
        (
            "ateliers_mail_outbox_oldest_waiting_seconds",
            "How long the oldest waiting message has waited (0 when none waits).",
        ),
        (
            "ateliers_mail_outbox_set_aside",
            "Messages set aside after a refusal or too many tries: see /courriels-en-echec.",
        ),
    ] {
        recorder.describe_gauge(name.into(), None, help.into());
    }
}

/// `GET /metrics`.
pub async fn serve_metrics(
    State(state): State<app::state::AppState>,
    metrics: Option<axum::Extension<Metrics>>,
    headers: HeaderMap,
) -> Response {
    let Some(axum::Extension(metrics)) = metrics.filter(|metrics| metrics.enabled()) else {
        return crate::refusals::not_found();
    };
    if !metrics.allows(&headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "Jeton de /metrics manquant ou faux (METRICS_TOKEN).\n",
        )
            .into_response();
    }
    match shared::services::read_service_health(&state.db, state.clock.now()).await {
        Ok(health) => (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            metrics.render(&health),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read the service's health for /metrics");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
