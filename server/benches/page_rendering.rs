//! Load benchmark (not a timed test): the real `/ateliers` page (leptos SSR, the whole stack)
//! next to a reference — a bare axum handler that runs the same service (the same queries) and
//! writes the same list with `format!` — and `/healthz` (a database ping through the same
//! stack), each at 64 connections on loopback, on SQLite and on PostgreSQL. Prints requests/s,
//! p50 and p99 of each, and the real page's share of the reference's rate (issue 22's goal:
//! ≥ 0.5, with p99 ≤ 30 ms).
//!
//! `cargo bench -p ateliers-server --bench page_rendering` (`PAGE_RENDERING_PATHS=/a,/b` measures
//! more pages of the real app the same way)

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at its first surprise"
)]

#[path = "../tests/api/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::response::Html;
use sea_orm::DatabaseConnection;
use shared::clock::Clock;
use shared::domain::{Actor, SessionCard, format_session_date, format_session_hours};
use shared::services::PublicListCache;
use support::{Backend, Seed};

const CONNECTIONS: usize = 64;
const WARM_UP: Duration = Duration::from_secs(1);
const MEASURED: Duration = Duration::from_secs(5);

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!(
        "/ateliers at {CONNECTIONS} connections for {} s each, HTTP on loopback",
        MEASURED.as_secs()
    );
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(app) = support::spawn_app("page_rendering", backend, Seed::Demo).await else {
            println!("{backend:?}: skipped (PostgreSQL unreachable)");
            continue;
        };
        let reference = serve_reference(app.db.clone(), app.state.clock.clone()).await;
        let cards = shared::services::list_upcoming_sessions(
            &app.db,
            &Actor::Anonymous,
            app.state.clock.now(),
            &app.state.public_list,
        )
        .await
        .unwrap()
        .len();
        println!("{backend:?} ({cards} sessions listed):");
        let real = load(&format!("{}/ateliers", app.address), "identity").await;
        let real_br = load(&format!("{}/ateliers", app.address), "br").await;
        let bare = load(&format!("{reference}/ateliers"), "identity").await;
        let health = load(&format!("{}/healthz", app.address), "identity").await;
        real.print("real page (leptos SSR)");
        real_br.print("real page, brotli");
        bare.print("reference (axum + format!)");
        health.print("/healthz");
        println!(
            "  real page at {:.2}× the reference's rate (goal ≥ 0.5), p99 {:.1} ms (goal ≤ 30)",
            real.per_second() / bare.per_second(),
            real.p99_ms()
        );
        // Other pages of the same stack, to tell the pipeline's cost from the list's:
        // `PAGE_RENDERING_PATHS=/confidentialite,/connexion`.
        for path in std::env::var("PAGE_RENDERING_PATHS")
            .unwrap_or_default()
            .split(',')
        {
            if !path.is_empty() {
                load(&format!("{}{path}", app.address), "identity")
                    .await
                    .print(path);
            }
        }
    }
}

/// What one load run measured.
struct Run {
    latencies: Vec<Duration>,
    bytes: usize,
    failures: usize,
}

impl Run {
    fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / MEASURED.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> Duration {
        let index = ((self.latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        self.latencies[index]
    }

    fn p99_ms(&self) -> f64 {
        self.percentile(0.99).as_secs_f64() * 1000.0
    }

    fn print(&self, what: &str) {
        println!(
            "  {what:<28} {:>7.0} req/s · p50 {:>5.1} ms · p99 {:>5.1} ms · {:>6} bytes · {} failed",
            self.per_second(),
            self.percentile(0.50).as_secs_f64() * 1000.0,
            self.p99_ms(),
            self.bytes,
            self.failures
        );
    }
}

/// `CONNECTIONS` clients asking for `url` in a loop: a warm-up, then the measured window.
async fn load(url: &str, encoding: &'static str) -> Run {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(CONNECTIONS)
        .build()
        .unwrap();
    let started = Instant::now();
    let measured_from = started + WARM_UP;
    let until = measured_from + MEASURED;
    let workers = (0..CONNECTIONS).map(|_| {
        let client = client.clone();
        let url = url.to_owned();
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut failures = 0;
            let mut bytes = 0;
            loop {
                let sent = Instant::now();
                if sent >= until {
                    break;
                }
                let response = client
                    .get(&url)
                    .header("accept-encoding", encoding)
                    .send()
                    .await
                    .unwrap();
                let ok = response.status().is_success();
                let body = response.bytes().await.unwrap();
                if sent >= measured_from {
                    latencies.push(sent.elapsed());
                    failures += usize::from(!ok);
                    bytes = body.len();
                }
            }
            (latencies, failures, bytes)
        })
    });
    let mut run = Run {
        latencies: Vec::new(),
        bytes: 0,
        failures: 0,
    };
    for worker in futures::future::join_all(workers).await {
        let (latencies, failures, bytes) = worker.unwrap();
        run.latencies.extend(latencies);
        run.failures += failures;
        run.bytes = run.bytes.max(bytes);
    }
    run.latencies.sort_unstable();
    run
}

/// The reference: the same service call (with its own cache of the public list), the same list
/// written with `format!`, no framework between the socket and the handler but axum. Returns
/// its base URL.
async fn serve_reference(db: DatabaseConnection, clock: Clock) -> String {
    let router = axum::Router::new()
        .route("/ateliers", axum::routing::get(reference_page))
        .with_state((db, clock, PublicListCache::default()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

async fn reference_page(
    State((db, clock, cache)): State<(DatabaseConnection, Clock, PublicListCache)>,
) -> Html<String> {
    let sessions =
        shared::services::list_upcoming_sessions(&db, &Actor::Anonymous, clock.now(), &cache)
            .await
            .unwrap();
    Html(reference_html(&sessions))
}

fn reference_html(sessions: &[SessionCard]) -> String {
    let mut html = String::with_capacity(32 * 1024);
    html.push_str(
        r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Ateliers à venir — Ateliers</title><link rel="stylesheet" href="/pkg/ateliers.css"></head><body><main><h1>Ateliers à venir</h1><p class="lead">Les ateliers collectifs des Missions Locales de Seine-Saint-Denis, ouverts aux jeunes de 16 à 25 ans.</p><ul class="session-list" data-test="session-list">"#,
    );
    for session in sessions {
        let seats = match session.seats_left {
            0 => "Complet — liste d'attente".to_owned(),
            1 => "1 place restante".to_owned(),
            left => format!("{left} places restantes"),
        };
        write!(
            html,
            r#"<li class="session-list__item" data-theme="{theme}"><article class="session-card" data-test="session-card" aria-labelledby="session-{id}-title"><p class="session-card__theme" data-test="session-theme">{label}</p><h2 class="session-card__title" id="session-{id}-title" data-test="session-title"><a href="/ateliers/{id}">{title}</a></h2><p class="session-card__when" data-test="session-when"><span class="session-card__date">{date}</span><br><span class="session-card__hours">{hours}</span></p><p class="session-card__where" data-test="session-where">{venue}<br><span class="session-card__address">{address}</span></p><p class="session-card__meta">{organiser}</p><p class="session-card__seats" data-test="session-seats">{seats}</p></article></li>"#,
            theme = session.theme.code(),
            id = session.id,
            label = escape(session.theme.label()),
            title = escape(&session.title),
            date = format_session_date(session.starts_at),
            hours = format_session_hours(session.starts_at, session.ends_at),
            venue = escape(&session.venue_name),
            address = escape(&session.venue_address),
            organiser = escape(&session.mission_locale),
            seats = escape(&seats),
        )
        .unwrap();
    }
    html.push_str("</ul></main></body></html>");
    html
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}
