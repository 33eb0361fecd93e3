//! Mail leaves Ateliers over real SMTP (here, to the tests' sink on loopback) or as `.eml` files
//! in a folder, listed on the local mail page.

mod support;

use std::time::Duration;

use lettre::Message;
use lettre::message::header::ContentType;
use server::smtp_sink::SmtpSink;
use shared::mail::Mailer;
use support::{Seed, TestApp};

fn welcome(to: &str) -> Message {
    Message::builder()
        .from(
            "Ateliers <ateliers@convergence93.example>"
                .parse()
                .expect("an address"),
        )
        .to(to.parse().expect("an address"))
        .subject("Bienvenue aux ateliers — réunion d'accueil")
        .message_id(Some("<welcome-1@ateliers.test>".to_owned()))
        .header(ContentType::TEXT_PLAIN)
        .body("Bonjour Inès,\n\n.Une ligne qui commence par un point.\nÀ bientôt !".to_owned())
        .expect("a message")
}

#[tokio::test]
async fn smtp_mailer_delivers_to_a_real_smtp_server() {
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).expect("a mailer");

    mailer
        .send(&welcome("ines.k@example.org"))
        .await
        .expect("delivered");

    let received = sink.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].envelope_to,
        vec!["ines.k@example.org".to_owned()]
    );
    assert_eq!(received[0].envelope_from, "ateliers@convergence93.example");
    let parsed = mail_parser::MessageParser::default()
        .parse(received[0].raw.as_bytes())
        .expect("a parsable message");
    assert_eq!(
        parsed.subject(),
        Some("Bienvenue aux ateliers — réunion d'accueil")
    );
    assert_eq!(parsed.message_id(), Some("welcome-1@ateliers.test"));
    let body = parsed.body_text(0).expect("a text body");
    assert!(
        body.contains("\n.Une ligne qui commence par un point."),
        "dots survive SMTP: {body}"
    );
}

#[tokio::test]
async fn smtp_mailer_reports_an_unreachable_server() {
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let port = sink.port();
    drop(sink);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}")).expect("a mailer");
    assert!(mailer.send(&welcome("ines.k@example.org")).await.is_err());
}

/// Reads files, not the database: SQLite is enough.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_mail_page_lists_and_shows_folder_mail() {
    let folder = tempfile::tempdir().expect("a folder");
    let mailer = Mailer::folder(folder.path()).expect("a folder mailer");
    mailer
        .send(&welcome("ines.k@example.org"))
        .await
        .expect("written");
    let app = support::spawn_app_with_mail_folder("local_mail_page", folder.path()).await;

    let list = app.get("/courriels").await.text().await.expect("HTML");
    assert_eq!(list.matches(r#"data-test="mail-item""#).count(), 1);
    assert!(
        list.contains("Bienvenue aux ateliers — réunion d&#x27;accueil")
            || list.contains("Bienvenue aux ateliers — réunion d'accueil")
    );

    let id = std::fs::read_dir(folder.path())
        .expect("the folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find_map(|name| name.strip_suffix(".eml").map(str::to_owned))
        .expect("an .eml file");
    let page = app
        .get(&format!("/courriels/{id}"))
        .await
        .text()
        .await
        .expect("HTML");
    assert!(page.contains("ines.k@example.org"));
    assert!(page.contains("À bientôt !"));

    let raw = app.get(&format!("/courriels/{id}/eml")).await;
    assert_eq!(raw.status(), 200);
    assert_eq!(raw.headers()["content-type"], "message/rfc822");

    assert_eq!(
        app.get("/courriels/..%2F..%2Fetc%2Fpasswd/eml")
            .await
            .status(),
        404
    );
}

on_both_databases!(
    local_mail_page_is_not_served_when_mail_goes_out_by_smtp,
    Seed::Empty,
    |app: TestApp| async move {
        let response = app.get("/courriels").await;
        assert_eq!(response.status(), 404);
        let page = response.text().await.expect("HTML");
        assert!(page.contains(r#"data-test="error""#));
        assert!(!page.contains(r#"data-test="mail-list""#));
        assert_eq!(app.get("/courriels/abc/eml").await.status(), 404);
    }
);
