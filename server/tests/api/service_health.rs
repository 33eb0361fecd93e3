//! Watching the service: `/metrics` (Prometheus text format, only with `METRICS_TOKEN`) and the
//! coordinators' « État du service » page, on SQLite and on PostgreSQL.

use crate::support;

use app::server_fns::EnrolInSession;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::entities::mail_outbox;
use support::{Seed, TestApp, server_fn_path};

const TOKEN: &str = "un-jeton-de-metriques-assez-long";

async fn metrics(app: &TestApp, token: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(format!("{}/metrics", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("an answer")
}

/// The value of the series of `name` whose labels include every one of `labels`, summed.
fn value(text: &str, name: &str, labels: &[&str]) -> f64 {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter(|line| {
            line.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with('{') || rest.starts_with(' '))
        })
        .filter(|line| labels.iter().all(|label| line.contains(label)))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}

async fn scrape(app: &TestApp) -> String {
    let answer = metrics(app, Some(TOKEN)).await;
    assert_eq!(answer.status(), 200);
    assert!(
        answer.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    answer.text().await.expect("a body")
}

on_both_databases!(
    metrics_answer_only_their_token,
    Seed::Empty,
    settings = |settings: &mut server::config::Settings| {
        settings.metrics_token = Some(TOKEN.to_owned());
        settings.public_url = Some("https://ateliers.example".to_owned());
    },
    |app: TestApp| async move {
        assert_eq!(metrics(&app, None).await.status(), 401);
        assert_eq!(metrics(&app, Some("un-autre-jeton")).await.status(), 401);
        assert_eq!(metrics(&app, Some(&TOKEN[1..])).await.status(), 401);
        // Prometheus reaches an instance by its own address: no Host check for /metrics.
        let text = scrape(&app).await;
        assert!(
            text.contains("# TYPE ateliers_http_requests_total counter"),
            "{text}"
        );
        assert!(!text.contains(TOKEN));
    }
);

on_both_databases!(
    without_a_token_there_are_no_metrics,
    Seed::Empty,
    |app: TestApp| async move {
        assert_eq!(metrics(&app, None).await.status(), 404);
        assert_eq!(metrics(&app, Some("n-importe-quoi")).await.status(), 404);
    }
);

on_both_databases!(
    metrics_count_requests_by_route_places_and_mail,
    Seed::Empty,
    settings = |settings: &mut server::config::Settings| {
        settings.metrics_token = Some(TOKEN.to_owned());
    },
    |mut app: TestApp| async move {
        let small = support::builders::small_federation(&app).await;
        let session_id = small.session;
        assert_eq!(app.get("/ateliers").await.status(), 200);
        assert_eq!(
            app.get(&format!("/ateliers/{session_id}")).await.status(),
            200
        );
        let before = scrape(&app).await;
        assert!(
            value(
                &before,
                "ateliers_http_requests_total",
                &["route=\"/ateliers\"", "status=\"200\"", "method=\"GET\""]
            ) >= 1.0,
            "{before}"
        );
        // By the route's template: no id (nor token) in a label.
        assert!(
            value(
                &before,
                "ateliers_http_requests_total",
                &["route=\"/ateliers/{id}\""]
            ) >= 1.0
        );
        assert!(!before.contains(&format!("/ateliers/{session_id}\"")));
        assert!(
            value(
                &before,
                "ateliers_http_request_duration_seconds_bucket",
                &["route=\"/ateliers\"", "le=\"+Inf\""]
            ) >= 1.0,
            "latencies are a histogram"
        );
        let registered_before = value(
            &before,
            "ateliers_enrolment_events_total",
            &["kind=\"registered\""],
        );

        // The mail server goes away; a youth enrols: the place counts, the mail waits.
        app.stop_mail_server().await;
        let youth = app.session_for(small.youth).await;
        let answer = app
            .call(
                server_fn_path::<EnrolInSession>(),
                &[("session_id", session_id.to_string())],
                Some(&youth),
            )
            .await;
        assert_eq!(answer.status(), 200, "{}", answer.text().await.unwrap());
        let mut after = String::new();
        for _ in 0..100 {
            after = scrape(&app).await;
            if value(
                &after,
                "ateliers_mail_delivery_total",
                &["outcome=\"retried\""],
            ) >= 1.0
            {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(
            value(
                &after,
                "ateliers_enrolment_events_total",
                &["kind=\"registered\""]
            ),
            registered_before + 1.0
        );
        assert!(
            value(
                &after,
                "ateliers_mail_delivery_total",
                &["outcome=\"retried\""]
            ) >= 1.0,
            "{after}"
        );
        assert!(value(&after, "ateliers_mail_outbox_waiting", &[]) >= 1.0);
        assert!(value(&after, "ateliers_mail_outbox_oldest_waiting_seconds", &[]) > 0.0);
        assert_eq!(value(&after, "ateliers_mail_outbox_set_aside", &[]), 0.0);
    }
);

on_both_databases!(
    coordinators_see_whether_mail_leaves,
    Seed::Empty,
    |app: TestApp| async move {
        let small = support::builders::small_federation(&app).await;
        let coordinator = small.coordinator.session(&app).await;
        let page = |session: Option<String>| {
            let app = &app;
            async move {
                let answer = app.get_as("/etat-du-service", session.as_deref()).await;
                (answer.status().as_u16(), answer.text().await.unwrap())
            }
        };
        let counsellor = small.counsellor.session(&app).await;
        assert_eq!(page(None).await.0, 401);
        assert_eq!(page(Some(counsellor)).await.0, 403);

        // Nothing waits yet.
        let mut html = String::new();
        for _ in 0..100 {
            let (status, body) = page(Some(coordinator.clone())).await;
            assert_eq!(status, 200);
            html = body;
            if html.contains("Les courriels partent normalement.") {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(
            html.contains("Les courriels partent normalement."),
            "{html}"
        );
        assert!(html.contains("Aucun courriel mis de côté."));

        // A message waiting for an hour (the mail server refuses to answer), one set aside.
        let mut rows = Vec::new();
        for n in 0..2 {
            let message = lettre::Message::builder()
                .from(
                    "Ateliers <ne-pas-repondre@ateliers.example>"
                        .parse()
                        .unwrap(),
                )
                .to(format!("jeune{n}@example.org").parse().unwrap())
                .subject("Votre inscription")
                .message_id(None)
                .body("Bonjour".to_owned())
                .unwrap();
            rows.push(
                shared::services::queue_mail(
                    &app.db,
                    &message,
                    support::now() + Duration::hours(1),
                )
                .await
                .unwrap(),
            );
        }
        mail_outbox::Entity::update_many()
            .col_expr(
                mail_outbox::Column::SentAt,
                Expr::value(None::<chrono::DateTime<Utc>>),
            )
            .col_expr(
                mail_outbox::Column::CreatedAt,
                Expr::value(support::now() - Duration::minutes(61)),
            )
            .col_expr(
                mail_outbox::Column::NextAttemptAt,
                Expr::value(support::now() + Duration::hours(1)),
            )
            .filter(mail_outbox::Column::Id.eq(rows[0]))
            .exec(&app.db)
            .await
            .unwrap();
        mail_outbox::Entity::update_many()
            .col_expr(
                mail_outbox::Column::SentAt,
                Expr::value(None::<chrono::DateTime<Utc>>),
            )
            .col_expr(
                mail_outbox::Column::FailedAt,
                Expr::value(Some(support::now())),
            )
            .col_expr(
                mail_outbox::Column::LastError,
                Expr::value(Some("550 5.1.1 mailbox unavailable".to_owned())),
            )
            .filter(mail_outbox::Column::Id.eq(rows[1]))
            .exec(&app.db)
            .await
            .unwrap();
        let (_, html) = page(Some(coordinator.clone())).await;
        assert!(
            html.contains("Des courriels attendent depuis 1 h 01"),
            "{html}"
        );
        assert!(html.contains("1 courriel mis de côté"), "{html}");
        assert!(html.contains(r#"href="/courriels-en-echec""#));
        let failed = app
            .get_as("/courriels-en-echec", Some(&coordinator))
            .await
            .text()
            .await
            .unwrap();
        assert!(failed.contains(r#"data-test="failed-mail""#));
    }
);
