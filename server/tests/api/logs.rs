//! What the server writes to its logs, read at the most verbose level (TRACE, every crate): a
//! youth asks for a sign-in link, opens it, signs in; someone is rate-limited; a calendar feed
//! is fetched; all behind a trusted proxy that names the client. Neither the link's token, nor
//! the email, nor the client's address may appear in any line. Each test runs in its own
//! process (nextest), so the captured logs are this test's only.

use crate::support;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use app::server_fns::{RedeemSignInLink, RequestSignInLink, SignInWithPassword};
use sea_orm::EntityTrait;
use shared::entities::person;
use support::{Seed, TestApp, server_fn_path, session_cookie_set};

/// Every log line of the process, at TRACE.
fn captured() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Arc::new(Mutex::new(Vec::new()));
        let writer = {
            let logs = logs.clone();
            move || Capture(logs.clone())
        };
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(writer)
            .init();
        logs
    })
}

struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("the log buffer")
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the test's requests come from, as the trusted proxy (loopback) says.
const CLIENT: &str = "203.0.113.77";

async fn a_youth_email(app: &TestApp) -> String {
    let ml = support::builders::mission_locale(app, "Bondy").await;
    let counsellor = support::builders::counsellor(ml.id).insert(app).await;
    let youth = support::builders::youth(counsellor.id).insert(app).await;
    person::Entity::find_by_id(youth)
        .one(&app.db)
        .await
        .expect("a query")
        .and_then(|person| person.email)
        .expect("a youth with an email")
}

async fn post(app: &TestApp, path: &str, form: &[(&str, String)]) -> reqwest::Response {
    app.client
        .post(format!("{}{path}", app.address))
        .header("Origin", &app.address)
        .header("Accept", "application/json")
        .header("X-Forwarded-For", CLIENT)
        .form(form)
        .send()
        .await
        .expect("the server answers")
}

on_both_databases!(
    logs_name_no_token_email_or_address,
    Seed::Empty,
    settings = |settings: &mut server::config::Settings| {
        settings.trusted_proxies = "127.0.0.1".parse().expect("an address");
    },
    |app: TestApp| async move {
        let logs = captured();
        let email = a_youth_email(&app).await;
        let answer = post(
            &app,
            server_fn_path::<RequestSignInLink>(),
            &[("email", email.clone())],
        )
        .await;
        assert_eq!(answer.status(), 200);
        let mail = app.mail.wait_for(1, Duration::from_secs(15)).await;
        let body = mail_parser::MessageParser::default()
            .parse(mail[0].raw.as_bytes())
            .expect("a message")
            .body_text(0)
            .expect("a text body")
            .into_owned();
        let start = body.find("/connexion/").expect("a link") + "/connexion/".len();
        let token = body[start..]
            .split_whitespace()
            .next()
            .expect("a token")
            .to_owned();

        let page = app
            .client
            .get(format!("{}/connexion/{token}", app.address))
            .header("X-Forwarded-For", CLIENT)
            .send()
            .await
            .expect("the page");
        assert_eq!(page.status(), 200);
        let redeemed = post(
            &app,
            server_fn_path::<RedeemSignInLink>(),
            &[("token", token.clone())],
        )
        .await;
        assert!(session_cookie_set(&redeemed).is_some(), "signed in");
        // A calendar feed with an unknown token, and a rate limit reached for this address.
        let feed_token = "pas-un-vrai-jeton-de-calendrier-0123456789";
        let _ = app.get(&format!("/calendrier/{feed_token}.ics")).await;
        for _ in 0..6 {
            let _ = post(
                &app,
                server_fn_path::<SignInWithPassword>(),
                &[("email", email.clone()), ("password", "devine".into())],
            )
            .await;
        }
        for _ in 0..6 {
            let _ = post(
                &app,
                server_fn_path::<RequestSignInLink>(),
                &[("email", email.clone())],
            )
            .await;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;

        let text = String::from_utf8_lossy(&logs.lock().expect("the logs")).into_owned();
        // The capture works, and requests are logged by their route.
        assert!(
            text.contains("/connexion/{token}"),
            "no request span in the logs:\n{}",
            &text[..text.len().min(3000)]
        );
        assert!(text.contains("rate limit reached") || text.contains("throttled"));
        for (secret, what) in [
            (token.as_str(), "the link's token"),
            (email.as_str(), "the email"),
            (CLIENT, "the client's address"),
            (feed_token, "the feed's token"),
        ] {
            let lines: Vec<&str> = text.lines().filter(|line| line.contains(secret)).collect();
            assert!(
                lines.is_empty(),
                "{what} is in {} log lines, e.g. {:?}",
                lines.len(),
                &lines[..lines.len().min(3)]
            );
        }
    }
);
