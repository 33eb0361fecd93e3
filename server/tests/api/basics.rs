//! HTTP tests against the real server, each on SQLite and on PostgreSQL.

use crate::support;

use chrono::{Datelike, Duration, Weekday};
use sea_orm::ConnectionTrait;
use shared::domain::{PARIS, public_holiday};
use support::{Backend, Seed, TestApp};

/// How many sessions the demo plans: a morning and an afternoon on each working day of the four
/// weeks from tomorrow, public holidays left out (counted here from the calendar).
fn demo_session_count() -> usize {
    let today = support::now().with_timezone(&PARIS).date_naive();
    let working_days = (1..=28)
        .map(|offset| today + Duration::days(offset))
        .filter(|day| !matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
        .filter(|day| public_holiday(*day).is_none())
        .count();
    2 * working_days
}

on_both_databases!(
    health_check_answers_when_the_database_does,
    Seed::Empty,
    |app: TestApp| async move {
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 200);
        let body: serde_json::Value = response.json().await.expect("a JSON body");
        assert_eq!(body["status"], "ok");
        assert_eq!(body["database"], "ok");
    }
);

on_both_databases!(
    health_check_reports_a_lost_database,
    Seed::Empty,
    |app: TestApp| async move {
        app.db.clone().close().await.expect("the pool closes");
        let response = app.get("/healthz").await;
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.expect("a JSON body");
        assert_eq!(body["status"], "unavailable");
    }
);

on_both_databases!(
    readiness_needs_the_database_the_schema_and_the_mail_dispatcher,
    Seed::Empty,
    |app: TestApp| async move {
        // Ready from the start; the dispatcher's first pass follows within moments.
        let mut body = serde_json::Value::Null;
        for _ in 0..50 {
            let response = app.get("/readyz").await;
            assert_eq!(response.status(), 200);
            body = response.json().await.expect("a JSON body");
            if body["last_mail_pass"].is_string() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert_eq!(body["status"], "ready");
        assert_eq!(body["database"], "ok");
        assert_eq!(body["migrations"], "applied");
        assert_eq!(body["mail_dispatcher"], "running");
        assert!(body["last_mail_pass"].is_string(), "{body}");

        // Same routes and database, no dispatcher (as `serve_variant` runs them): not ready,
        // though alive.
        let without_dispatcher = app.serve_variant(app.state.clone()).await;
        let response = app
            .client
            .get(format!("{}/readyz", without_dispatcher.address))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.expect("a JSON body");
        assert_eq!(body["status"], "not ready");
        assert_eq!(body["mail_dispatcher"], "stopped");
        let alive = app
            .client
            .get(format!("{}/healthz", without_dispatcher.address))
            .send()
            .await
            .expect("an answer");
        assert_eq!(alive.status(), 200);

        // A schema behind this binary (as when an older instance's database meets a newer
        // binary whose migrations have not run): not ready.
        app.db
            .execute_unprepared(
                "DELETE FROM seaql_migrations WHERE version = \
                 (SELECT max(version) FROM seaql_migrations)",
            )
            .await
            .expect("a migration forgotten");
        let response = app.get("/readyz").await;
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.expect("a JSON body");
        assert_eq!(body["migrations"], "1 pending");

        // The database lost: not ready either.
        app.db.clone().close().await.expect("the pool closes");
        let response = app.get("/readyz").await;
        assert_eq!(response.status(), 503);
        let body: serde_json::Value = response.json().await.expect("a JSON body");
        assert_eq!(body["database"], "unreachable");
    }
);

on_both_databases!(
    upcoming_sessions_page_lists_the_demo_sessions,
    Seed::Demo,
    |app: TestApp| async move {
        let response = app.get("/ateliers").await;
        assert_eq!(response.status(), 200);
        let html = response.text().await.expect("an HTML body");
        assert!(html.contains(r#"<html lang="fr""#));
        assert_eq!(
            html.matches(r#"data-test="session-card""#).count(),
            demo_session_count(),
            "four weeks of demo sessions"
        );
        assert!(
            html.contains("Décrypter l&#x27;info avec un journaliste")
                || html.contains("Décrypter l'info avec un journaliste")
        );
        assert!(html.contains("Mission Locale de Bondy"));
    }
);

on_both_databases!(
    upcoming_sessions_page_says_when_nothing_is_planned,
    Seed::Empty,
    |app: TestApp| async move {
        let html = app
            .get("/ateliers")
            .await
            .text()
            .await
            .expect("an HTML body");
        assert!(html.contains(r#"data-test="no-sessions""#));
        assert!(
            html.contains("Aucun atelier n&#x27;est programmé")
                || html.contains("Aucun atelier n'est programmé")
        );
    }
);

on_both_databases!(
    theme_filter_works_without_javascript,
    Seed::Demo,
    |app: TestApp| async move {
        let html = app
            .get("/ateliers?theme=media_literacy")
            .await
            .text()
            .await
            .expect("an HTML body");
        // The stylesheet hides the other themes under data-selected; every card stays in the page.
        assert!(html.contains(r#"data-selected="media_literacy""#));
        assert!(html.contains(r#"<option value="media_literacy" selected"#));
        assert!(html.contains(r#"data-theme="media_literacy""#));
        assert_eq!(html.matches("data-theme=").count(), demo_session_count());

        let unknown = app
            .get("/ateliers?theme=cuisine")
            .await
            .text()
            .await
            .expect("an HTML body");
        assert!(
            unknown.contains(r#"data-selected="""#),
            "an unknown theme shows everything"
        );
    }
);

on_both_databases!(
    unknown_pages_answer_404_in_french,
    Seed::Empty,
    |app: TestApp| async move {
        let response = app.get("/nulle-part").await;
        support::assert_refused(response, 404, "Page introuvable").await;
    }
);

on_both_databases!(
    pages_are_compressed_for_phones,
    Seed::Empty,
    |app: TestApp| async move {
        let response = app
            .client
            .get(format!("{}/ateliers", app.address))
            .header("accept-encoding", "br, gzip")
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.headers()["content-encoding"], "br");
    }
);

on_both_databases!(
    only_pages_with_islands_load_the_wasm,
    Seed::Empty,
    |app: TestApp| async move {
        // A session to list, so that the list has its theme filter.
        let fed = support::builders::small_federation(&app).await;

        // The first page a youth meets: its filter is a form and a few inline lines, allowed by
        // the answer's nonce; no wasm.
        let list = app.get("/ateliers").await;
        let policy = list.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        let list = list.text().await.expect("an HTML body");
        assert!(list.contains(r#"data-test="theme-filter""#));
        assert!(
            !list.contains(r#"type="module""#) && !list.contains(".wasm"),
            "the list loads no wasm"
        );
        let nonce = list
            .split(r#"<script nonce=""#)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the filter's inline script");
        assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");

        let cookie = fed.counsellor.session(&app).await;
        let with_island = app
            .get_as("/seances/nouvelle", Some(&cookie))
            .await
            .text()
            .await
            .expect("an HTML body");
        assert!(
            with_island.contains(r#"<script type="module""#),
            "the session form's checker needs its script"
        );
        assert!(with_island.contains("/pkg/ateliers"));
        assert!(
            !with_island.contains(r#"rel="preload""#),
            "no wasm preload: browsers would fetch it even with JavaScript off"
        );

        let without_island = app
            .get("/nulle-part")
            .await
            .text()
            .await
            .expect("an HTML body");
        assert!(
            !without_island.contains(r#"type="module""#) && !without_island.contains(".wasm"),
            "a page with no island loads no wasm"
        );
    }
);

on_both_databases!(
    home_leads_to_the_upcoming_sessions,
    Seed::Empty,
    |app: TestApp| async move {
        let response = app.get("/").await;
        assert!(
            response.status().is_redirection(),
            "got {}",
            response.status()
        );
        assert_eq!(response.headers()["location"], "/ateliers");
    }
);

on_both_databases!(
    an_outage_is_explained_in_french_without_database_text,
    Seed::Empty,
    |app: TestApp| async move {
        app.db.clone().close().await.expect("the pool closes");
        let response = app.get("/ateliers").await;
        assert_eq!(response.status(), 503);
        let html = response.text().await.expect("an HTML body");
        assert!(html.contains(r#"data-test="error""#));
        assert!(html.contains("Le service est momentanément indisponible"));
        assert!(
            !html.to_lowercase().contains("pool"),
            "no database text reaches the page"
        );
        assert!(!html.contains("sqlx") && !html.contains("DbErr"));
    }
);

/// Instances of a deployment all start at once on an empty database: each applies the
/// migrations under one lock, so every one starts and the schema is applied once.
async fn instances_starting_at_once_apply_the_migrations_once(backend: Backend) {
    use migrations::MigratorTrait;
    use sea_orm::{ConnectionTrait, Statement};

    let Some(app) = support::spawn_app(
        "instances_starting_at_once_apply_the_migrations_once",
        backend,
        Seed::Empty,
    )
    .await
    else {
        return;
    };
    let Some(empty) = support::empty_database(backend).await else {
        return;
    };
    let settings = app.settings_on(empty.url());
    let starts = (0..3).map(|_| {
        let settings = settings.clone();
        tokio::spawn(async move { server::startup::Application::build(&settings).await })
    });
    let started: Vec<_> = futures::future::join_all(starts)
        .await
        .into_iter()
        .map(|joined| joined.expect("no panic"))
        .collect();
    for (instance, result) in started.iter().enumerate() {
        if let Err(error) = result {
            panic!("instance {instance} did not start: {error:#}");
        }
    }
    let db = started[0].as_ref().expect("started").db();
    let applied = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS applied FROM seaql_migrations",
        ))
        .await
        .expect("the migrations table")
        .expect("a count")
        .try_get::<i64>("", "applied")
        .expect("a number");
    assert_eq!(applied as usize, migrations::Migrator::migrations().len());
}

for_both_backends!(instances_starting_at_once_apply_the_migrations_once);
