//! Mail leaves Ateliers over real SMTP (here, to the tests' sink on loopback) or as `.eml` files
//! in a folder, listed on the local mail page.

use crate::support;

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

/// Reads files, not the database: SQLite is enough. In demo mode, as `make run` serves it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_mail_page_lists_and_shows_folder_mail() {
    let folder = tempfile::tempdir().expect("a folder");
    let mailer = Mailer::folder(folder.path()).expect("a folder mailer");
    mailer
        .send(&welcome("ines.k@example.org"))
        .await
        .expect("written");
    // The welcome's id, before the demo's reminders land beside it.
    let id = std::fs::read_dir(folder.path())
        .expect("the folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find_map(|name| name.strip_suffix(".eml").map(str::to_owned))
        .expect("an .eml file");
    let app = support::spawn_app_with_mail_folder("local_mail_page", folder.path()).await;

    let list = app.get("/courriels").await.text().await.expect("HTML");
    // The demo's reminders may be listed too.
    assert!(list.matches(r#"data-test="mail-item""#).count() >= 1);
    assert!(
        list.contains("Bienvenue aux ateliers — réunion d&#x27;accueil")
            || list.contains("Bienvenue aux ateliers — réunion d'accueil")
    );

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

/// In the demo without an SMPP gateway, SMS are written to a folder and /courriels lists them
/// under the mail: a youth trying `make run` reads their sign-in code there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_mail_page_lists_the_demo_sms_with_their_cost() {
    let folder = tempfile::tempdir().expect("a folder");
    let app = support::spawn_app_with_mail_folder("local_mail_sms", folder.path()).await;
    let before = app.get("/courriels").await.text().await.expect("HTML");
    assert!(before.contains(r#"data-test="no-sms""#));

    // A demo youth with a mobile and no email asks for a code.
    let phone = "06 10 03 16 76";
    app.submit(
        support::server_fn_path::<app::server_fns::RequestSignInCode>(),
        "/connexion",
        &[("phone", phone.into())],
        None,
    )
    .await;
    let mut page = String::new();
    for _ in 0..100 {
        page = app.get("/courriels").await.text().await.expect("HTML");
        if page.contains(r#"data-test="sms-item""#) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(page.matches(r#"data-test="sms-item""#).count(), 1, "{page}");
    assert!(page.contains(phone), "the number, as people write it");
    assert!(page.contains("1 segment"));
    assert!(page.contains("GSM 03.38"));

    // The code read there signs them in.
    let signed_in = app
        .submit(
            support::server_fn_path::<app::server_fns::RedeemSignInCode>(),
            "/code-sms?tel=0610031676",
            &[("phone", phone.into()), ("code", support::code_in(&page))],
            None,
        )
        .await;
    assert!(support::session_cookie_set(&signed_in).is_some());
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

/// The viewer shows everyone's mail, password links included, to anyone: outside demo mode it
/// does not exist, whoever asks and whatever the mail backend. Here the same app, database and
/// mail folder with demo mode off (a start with these settings is refused, see
/// `production_start`): pages, server functions and the raw download answer 404 to a signed-in
/// coordinator and to the anonymous alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn local_mail_viewer_is_not_found_outside_the_demo() {
    use app::server_fns::{ListLocalMail, ReadLocalMail};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use support::server_fn_path;

    let folder = tempfile::tempdir().expect("a folder");
    Mailer::folder(folder.path())
        .expect("a folder mailer")
        .send(&welcome("ines.k@example.org"))
        .await
        .expect("written");
    let id = std::fs::read_dir(folder.path())
        .expect("the folder")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find_map(|name| name.strip_suffix(".eml").map(str::to_owned))
        .expect("an .eml file");
    let app =
        support::spawn_app_with_mail_folder("local_mail_outside_the_demo", folder.path()).await;
    let coordinator = shared::entities::staff_member::Entity::find()
        .filter(shared::entities::staff_member::Column::Role.eq("coordinator"))
        .one(&app.db)
        .await
        .expect("a query")
        .expect("a demo coordinator")
        .person_id;
    let coordinator = app.session_for(coordinator).await;
    let pages = [
        "/courriels".to_owned(),
        format!("/courriels/{id}"),
        format!("/courriels/{id}/eml"),
    ];
    let list = server_fn_path::<ListLocalMail>();
    let read = server_fn_path::<ReadLocalMail>();
    let outside = app
        .serve_variant(app::state::AppState::new(app::state::StateParts {
            demo: false,
            ..(*app.state).clone()
        }))
        .await;
    for session in [None, Some(coordinator.as_str())] {
        for (address, expected) in [(&app.address, 200), (&outside.address, 404)] {
            for page in &pages {
                let response = app
                    .client
                    .get(format!("{address}{page}"))
                    .header(
                        "Cookie",
                        format!("ateliers_session={}", session.unwrap_or_default()),
                    )
                    .send()
                    .await
                    .expect("an answer");
                assert_eq!(
                    response.status(),
                    expected,
                    "{address}{page} as {session:?}"
                );
                let body = response.text().await.expect("a body");
                assert_eq!(
                    body.contains("ines.k@example.org"),
                    expected == 200,
                    "{address}{page} as {session:?}"
                );
            }
            for (path, form) in [(list, vec![]), (read, vec![("id", id.clone())])] {
                let response = app.call_at(address, path, &form, session).await;
                assert_eq!(
                    response.status(),
                    expected,
                    "{address}{path} as {session:?}"
                );
                let body = response.text().await.expect("a body");
                assert_eq!(
                    body.contains("ines.k@example.org"),
                    expected == 200,
                    "{address}{path} as {session:?}: {body}"
                );
            }
        }
    }
}
