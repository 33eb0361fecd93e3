//! Figures benchmark (not a timed test): a generated year of the federation (10 Missions
//! Locales, ~800 youths, ~1,500 sessions with their places and attendance lines), then the
//! federation dashboard and the funder's exports asked over HTTP on loopback, on SQLite and on
//! PostgreSQL. Reports the median and the slowest of 10 requests each.
//!
//! `cargo bench -p ateliers-server --bench figures`

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at its first surprise"
)]

#[path = "../tests/api/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use app::server_fns::ViewDashboard;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use shared::entities::{attendance_line, enrolment, staff_member, workshop_session, youth};
use shared::services::{ActivityScale, generate_past_activity};
use support::{Backend, Seed, TestApp, server_fn_path};

const RUNS: usize = 10;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        match support::spawn_app("figures_bench", backend, Seed::Demo).await {
            Some(app) => run(&app, backend).await,
            None => println!("{backend:?}: skipped (PostgreSQL unreachable)"),
        }
    }
}

async fn run(app: &TestApp, backend: Backend) {
    let started = Instant::now();
    generate_past_activity(
        &app.db,
        2026,
        ActivityScale::FEDERATION_YEAR,
        support::now(),
    )
    .await
    .unwrap();
    println!(
        "{backend:?}: generated {} youths, {} sessions, {} places, {} attendance lines in {:.1} s",
        youth::Entity::find().count(&app.db).await.unwrap(),
        workshop_session::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        enrolment::Entity::find().count(&app.db).await.unwrap(),
        attendance_line::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        started.elapsed().as_secs_f64()
    );
    let coordinator = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("coordinator"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .person_id;
    let token = app.session_for(coordinator).await;
    let form = [
        ("form[mission_locale]", String::new()),
        ("form[from]", String::new()),
        ("form[to]", String::new()),
    ];
    let mut dashboard = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let response = app
            .call(server_fn_path::<ViewDashboard>(), &form, Some(&token))
            .await;
        assert_eq!(response.status(), 200);
        response.bytes().await.unwrap();
        dashboard.push(start.elapsed());
    }
    report(
        backend,
        "federation dashboard (server function)",
        &mut dashboard,
        None,
    );
    let mut page = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        let response = app.get_as("/chiffres", Some(&token)).await;
        assert_eq!(response.status(), 200);
        response.bytes().await.unwrap();
        page.push(start.elapsed());
    }
    report(
        backend,
        "federation dashboard (page /chiffres)",
        &mut page,
        None,
    );
    for export in [
        "participants.csv",
        "participants.xlsx",
        "presences.csv",
        "presences.xlsx",
    ] {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..RUNS {
            let start = Instant::now();
            let response = app
                .get_as(&format!("/chiffres/{export}"), Some(&token))
                .await;
            assert_eq!(response.status(), 200);
            size = response.bytes().await.unwrap().len();
            times.push(start.elapsed());
        }
        report(backend, &format!("export {export}"), &mut times, Some(size));
    }
}

fn report(backend: Backend, what: &str, times: &mut [Duration], size: Option<usize>) {
    times.sort();
    let size = size
        .map(|bytes| format!(", {:.0} KB", bytes as f64 / 1000.0))
        .unwrap_or_default();
    println!(
        "{backend:?}: {what}: median {:.0} ms, slowest {:.0} ms{size}",
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times[times.len() - 1].as_secs_f64() * 1000.0
    );
}
