//! Load benchmark (not a timed test): 1,000 concurrent enrolments over 10 sessions of 10
//! seats, sent through HTTP on loopback to the real server, on SQLite and on PostgreSQL.
//! Reports throughput and p50/p99 latency, and checks that no session was overbooked.
//!
//! `cargo bench -p ateliers-server --bench enrolment_load`

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at its first surprise"
)]

#[path = "../tests/api/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use app::server_fns::EnrolInSession;
use futures::future::join_all;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use shared::domain::{EnrolmentStatus, PersonId, SessionId, SessionStatus};
use shared::entities::{enrolment, workshop_session, youth};
use support::{Backend, Seed, TestApp, server_fn_path};

const SESSIONS: usize = 10;
const SEATS: i32 = 10;
const YOUTHS: usize = 100;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!(
        "{} concurrent enrolments ({YOUTHS} youths × {SESSIONS} sessions of {SEATS} seats), HTTP on loopback",
        YOUTHS * SESSIONS
    );
    for backend in [Backend::Sqlite, Backend::Postgres] {
        match support::spawn_app("enrolment_load", backend, Seed::Demo).await {
            Some(app) => run(&app, backend).await,
            None => println!("{backend:?}: skipped (PostgreSQL unreachable)"),
        }
    }
}

async fn run(app: &TestApp, backend: Backend) {
    // Ten sessions after the demo's four weeks (where youths already hold places), one after
    // the other: a youth may hold a place at each.
    let template = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .order_by_asc(workshop_session::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("a demo session");
    let first = support::dates::paris(support::dates::clear_of_demo(), 8, 0);
    let mut sessions = Vec::new();
    for index in 0..SESSIONS {
        let mut copy = template.clone().into_active_model();
        copy.id = NotSet;
        copy.starts_at = Set(first + chrono::Duration::hours(2 * index as i64));
        copy.ends_at = Set(first + chrono::Duration::hours(2 * index as i64 + 1));
        copy.capacity = Set(SEATS);
        copy.room_id = Set(None);
        copy.venue_name = Set("Salle de banc d'essai".into());
        copy.series_id = Set(None);
        // Open now, however far ahead the demo's own sessions open.
        copy.enrolment_opens_days_before = Set(None);
        sessions.push(copy.insert(&app.db).await.unwrap().id);
    }
    let youths: Vec<PersonId> = youth::Entity::find()
        .order_by_asc(youth::Column::PersonId)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .take(YOUTHS)
        .map(|youth| youth.person_id)
        .collect();
    let mut tokens = Vec::new();
    for youth in &youths {
        tokens.push(app.session_for(*youth).await);
    }
    // Interleaved so that every session is contended from the first request on.
    let requests: Vec<(SessionId, String)> = (0..YOUTHS * SESSIONS)
        .map(|index| (sessions[index % SESSIONS], tokens[index / SESSIONS].clone()))
        .collect();

    let path = server_fn_path::<EnrolInSession>();
    let started = Instant::now();
    let results = join_all(requests.iter().map(|(session, token)| async move {
        let sent = Instant::now();
        let response = app
            .call(path, &[("session_id", session.to_string())], Some(token))
            .await;
        let status = response.status().as_u16();
        let _ = response.bytes().await;
        (status, sent.elapsed())
    }))
    .await;
    let elapsed = started.elapsed();

    let failures = results.iter().filter(|(status, _)| *status != 200).count();
    let mut latencies: Vec<Duration> = results.iter().map(|(_, latency)| *latency).collect();
    latencies.sort_unstable();
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1)];
    let registered = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.is_in(sessions.clone()))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .count(&app.db)
        .await
        .unwrap();
    let waiting = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.is_in(sessions.clone()))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Waiting))
        .count(&app.db)
        .await
        .unwrap();
    println!(
        "{backend:?}: {} requests in {:.2} s = {:.0} enrolments/s · p50 {:.1} ms · p99 {:.1} ms · max {:.1} ms · {failures} not 200 · {registered} registered, {waiting} waiting",
        results.len(),
        elapsed.as_secs_f64(),
        results.len() as f64 / elapsed.as_secs_f64(),
        percentile(0.50).as_secs_f64() * 1000.0,
        percentile(0.99).as_secs_f64() * 1000.0,
        latencies.last().unwrap().as_secs_f64() * 1000.0,
    );
    assert_eq!(
        registered,
        (SESSIONS as i32 * SEATS) as u64,
        "every seat taken, none twice"
    );
    assert_eq!(waiting as usize, YOUTHS * SESSIONS - registered as usize);
}
