//! HTTP tests against the real server, each on SQLite and on PostgreSQL.

mod support;

use support::{Seed, TestApp};

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
    upcoming_sessions_page_lists_the_demo_sessions,
    Seed::Demo,
    |app: TestApp| async move {
        let response = app.get("/ateliers").await;
        assert_eq!(response.status(), 200);
        let html = response.text().await.expect("an HTML body");
        assert!(html.contains(r#"<html lang="fr""#));
        assert_eq!(
            html.matches(r#"data-test="session-card""#).count(),
            40,
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
        let visible = html.matches(r#"<li class="session-list__item">"#).count();
        let hidden = html
            .matches(r#"<li hidden class="session-list__item">"#)
            .count();
        assert!(visible > 0, "media literacy sessions are shown");
        assert_eq!(
            visible + hidden,
            40,
            "every session is in the page, hidden or not"
        );
        assert!(html.contains(r#"<option value="media_literacy" selected"#));
    }
);

on_both_databases!(
    unknown_pages_answer_404_in_french,
    Seed::Empty,
    |app: TestApp| async move {
        let response = app.get("/nulle-part").await;
        assert_eq!(response.status(), 404);
        assert!(
            response
                .text()
                .await
                .expect("an HTML body")
                .contains("Page introuvable")
        );
    }
);

on_both_databases!(
    pages_are_compressed_for_phones,
    Seed::Demo,
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
