//! The mail outbox: mail is written in the same transaction as the change that causes it, then
//! delivered over SMTP by the dispatcher, once, even across an SMTP outage.

use crate::support;

use std::collections::HashSet;
use std::time::Duration;

use lettre::Message;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder, TransactionTrait};
use server::smtp_sink::{ReceivedMail, SmtpSink};
use shared::entities::mail_outbox;
use shared::mail::Mailer;
use shared::services::{deliver_queued_mail, queue_mail};
use support::{Backend, Seed, TestApp, migrated_database};

fn sign_in_link(to: &str, n: usize) -> Message {
    Message::builder()
        .from(
            "Ateliers <ne-pas-repondre@ateliers.example>"
                .parse()
                .expect("an address"),
        )
        .to(to.parse().expect("an address"))
        .subject(format!("Votre lien de connexion n°{n}"))
        .message_id(None)
        .body(format!(
            "Bonjour,\n\nVoici votre lien : https://ateliers.example/connexion/{n}\n"
        ))
        .expect("a message")
}

fn message_ids(received: &[ReceivedMail]) -> HashSet<String> {
    received
        .iter()
        .filter_map(|mail| {
            mail_parser::MessageParser::default()
                .parse(mail.raw.as_bytes())
                .and_then(|parsed| parsed.message_id().map(str::to_owned))
        })
        .collect()
}

on_both_databases!(
    queued_mail_is_delivered_once_by_the_running_app,
    Seed::Empty,
    |app: TestApp| async move {
        let txn = app.db.begin().await.expect("a transaction");
        for n in 0..3 {
            queue_mail(
                &txn,
                &sign_in_link(&format!("jeune{n}@example.org"), n),
                support::now(),
            )
            .await
            .expect("queued");
        }
        txn.commit().await.expect("committed");

        let received = app.mail.wait_for(3, Duration::from_secs(10)).await;
        assert_eq!(received.len(), 3);
        // Several more dispatcher passes happen: nothing is sent again.
        tokio::time::sleep(Duration::from_millis(400)).await;
        let received = app.mail.messages();
        assert_eq!(received.len(), 3, "each message is sent once");
        assert_eq!(message_ids(&received).len(), 3);
        let recipients: HashSet<_> = received
            .iter()
            .flat_map(|mail| mail.envelope_to.clone())
            .collect();
        assert!(
            recipients.contains("jeune0@example.org") && recipients.contains("jeune2@example.org")
        );

        let rows = mail_outbox::Entity::find()
            .all(&app.db)
            .await
            .expect("rows");
        assert!(
            rows.iter()
                .all(|row| row.sent_at.is_some() && row.attempts == 1)
        );
    }
);

on_both_databases!(
    mail_of_a_rolled_back_change_is_never_sent,
    Seed::Empty,
    |app: TestApp| async move {
        let txn = app.db.begin().await.expect("a transaction");
        queue_mail(&txn, &sign_in_link("jeune@example.org", 1), support::now())
            .await
            .expect("queued");
        txn.rollback().await.expect("rolled back");

        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(app.mail.messages().is_empty());
        assert_eq!(
            mail_outbox::Entity::find()
                .count(&app.db)
                .await
                .expect("count"),
            0
        );
    }
);

/// The SMTP server is down while mail is queued; when it is back, every message arrives once.
async fn smtp_outage_delivers_each_message_once(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("a sink");
    let port = sink.port();
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}")).expect("a mailer");
    drop(sink);
    tokio::time::sleep(Duration::from_millis(50)).await;

    let start = support::now();
    for n in 0..5 {
        queue_mail(
            &db,
            &sign_in_link(&format!("jeune{n}@example.org"), n),
            start,
        )
        .await
        .expect("queued");
    }
    let during_outage = deliver_queued_mail(&db, &mailer, start, 50)
        .await
        .expect("a pass");
    assert_eq!((during_outage.sent, during_outage.retried), (0, 5));

    let sink = SmtpSink::start_on(port, None)
        .await
        .expect("the sink is back");
    let too_early = deliver_queued_mail(&db, &mailer, start + chrono::Duration::seconds(10), 50)
        .await
        .expect("a pass");
    assert_eq!(too_early.sent, 0, "retries wait for their backoff");
    let after_backoff =
        deliver_queued_mail(&db, &mailer, start + chrono::Duration::seconds(31), 50)
            .await
            .expect("a pass");
    assert_eq!(after_backoff.sent, 5);
    let later = deliver_queued_mail(&db, &mailer, start + chrono::Duration::hours(2), 50)
        .await
        .expect("a pass");
    assert_eq!(later, Default::default(), "nothing is sent twice");

    let received = sink.wait_for(5, Duration::from_secs(5)).await;
    assert_eq!(received.len(), 5);
    assert_eq!(message_ids(&received).len(), 5);
    let rows = mail_outbox::Entity::find().all(&db).await.expect("rows");
    assert!(
        rows.iter()
            .all(|row| row.sent_at.is_some() && row.attempts == 2 && row.last_error.is_some())
    );
}

for_both_backends!(smtp_outage_delivers_each_message_once);

/// Two server instances each run a dispatcher on the same database.
async fn two_dispatchers_send_each_message_once(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("a sink");
    let url = format!("smtp://127.0.0.1:{}", sink.port());
    let (first, second) = (
        Mailer::smtp(&url).expect("a mailer"),
        Mailer::smtp(&url).expect("a mailer"),
    );
    let now = support::now();
    for n in 0..40 {
        queue_mail(&db, &sign_in_link(&format!("jeune{n}@example.org"), n), now)
            .await
            .expect("queued");
    }

    let (a, b) = tokio::join!(
        deliver_queued_mail(&db, &first, now, 50),
        deliver_queued_mail(&db, &second, now, 50)
    );
    let (a, b) = (a.expect("a pass"), b.expect("a pass"));
    assert_eq!(a.sent + b.sent, 40);

    let received = sink.wait_for(40, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(sink.messages().len(), 40, "no message twice");
    assert_eq!(message_ids(&received).len(), 40);
}

for_both_backends!(two_dispatchers_send_each_message_once);

/// A refused mailbox will not accept the message later either: it is set aside at once.
async fn refused_mailbox_is_set_aside(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("a sink");
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).expect("a mailer");
    let now = support::now();
    queue_mail(&db, &sign_in_link("unknown-mailbox@example.org", 1), now)
        .await
        .expect("queued");

    let report = deliver_queued_mail(&db, &mailer, now, 50)
        .await
        .expect("a pass");
    assert_eq!((report.sent, report.retried, report.set_aside), (0, 0, 1));
    let row = mail_outbox::Entity::find()
        .one(&db)
        .await
        .expect("a row")
        .expect("kept");
    assert!(row.failed_at.is_some() && row.sent_at.is_none());
    assert!(row.last_error.unwrap_or_default().contains("550"));
    let later = deliver_queued_mail(&db, &mailer, now + chrono::Duration::hours(5), 50)
        .await
        .expect("a pass");
    assert_eq!(
        later,
        Default::default(),
        "a set-aside message is not retried by itself"
    );
}

for_both_backends!(refused_mailbox_is_set_aside);

/// Sent bodies are purged after the retention; the row stays (recipient, subject, Message-ID,
/// when sent) as evidence and for what refers to it. Unsent and set-aside mail keeps its body.
async fn sent_bodies_are_purged_after_the_retention(backend: Backend) {
    let Some((db, _database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("a sink");
    let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).expect("a mailer");
    let sent_at = support::now();
    for n in 0..2 {
        queue_mail(
            &db,
            &sign_in_link(&format!("jeune{n}@example.org"), n),
            sent_at,
        )
        .await
        .expect("queued");
    }
    queue_mail(
        &db,
        &sign_in_link("unknown-mailbox@example.org", 7),
        sent_at,
    )
    .await
    .expect("queued");
    let report = deliver_queued_mail(&db, &mailer, sent_at, 50)
        .await
        .expect("a pass");
    assert_eq!((report.sent, report.set_aside), (2, 1));
    // Queued later, not due yet when the purge runs.
    queue_mail(
        &db,
        &sign_in_link("jeune9@example.org", 9),
        sent_at + chrono::Duration::days(60),
    )
    .await
    .expect("queued");
    let before = mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .all(&db)
        .await
        .expect("rows");
    assert!(before.iter().all(|row| !row.content.is_empty()));

    let purged = shared::services::purge_sent_mail(&db, 30, sent_at + chrono::Duration::days(29))
        .await
        .expect("a purge");
    assert_eq!(purged, 0, "within the retention");
    assert_eq!(
        mail_outbox::Entity::find()
            .order_by_asc(mail_outbox::Column::Id)
            .all(&db)
            .await
            .unwrap(),
        before
    );

    let purged = shared::services::purge_sent_mail(&db, 30, sent_at + chrono::Duration::days(31))
        .await
        .expect("a purge");
    assert_eq!(purged, 2);
    let after = mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .all(&db)
        .await
        .expect("rows");
    assert_eq!(after.len(), before.len(), "the rows stay");
    for (old, new) in before.iter().zip(&after) {
        if old.sent_at.is_some() {
            assert!(new.content.is_empty(), "the body is gone");
            assert_eq!(
                mail_outbox::Model {
                    content: old.content.clone(),
                    ..new.clone()
                },
                *old,
                "what the row says about the message stays"
            );
        } else {
            assert_eq!(new, old, "unsent or set aside: kept whole");
        }
    }
    let again = shared::services::purge_sent_mail(&db, 30, sent_at + chrono::Duration::days(40))
        .await
        .expect("a purge");
    assert_eq!(again, 0);
    // 0 keeps every body.
    queue_mail(&db, &sign_in_link("jeune3@example.org", 3), sent_at)
        .await
        .expect("queued");
    deliver_queued_mail(&db, &mailer, sent_at, 50)
        .await
        .expect("a pass");
    let kept = shared::services::purge_sent_mail(&db, 0, sent_at + chrono::Duration::days(400))
        .await
        .expect("a purge");
    assert_eq!(kept, 0);
}

for_both_backends!(sent_bodies_are_purged_after_the_retention);

/// An instance stopping while its mail server holds up a message (it accepted the connection
/// and says nothing): the instance still stops within its grace period, and hands the message
/// back, so that another instance sends it at once rather than when the claim expires (five
/// minutes).
async fn a_stopping_instance_hands_back_the_message_it_could_not_finish(backend: Backend) {
    let Some(database) = support::TestDatabase::create(backend).await else {
        return;
    };
    // A mail server that accepts connections and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let silent_port = silent.local_addr().expect("an address").port();
    let held_open = tokio::spawn(async move {
        let mut connections = Vec::new();
        while let Ok((connection, _)) = silent.accept().await {
            connections.push(connection);
        }
    });
    let settings = support::test_settings(database.url(), silent_port);
    let application = server::startup::Application::build(&settings)
        .await
        .expect("the app starts");
    // The test's own connection: the instance closes its pool when it stops.
    let db = shared::services::connect_database(database.url())
        .await
        .expect("a connection");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(application.run_until(async {
        let _ = stopped.await;
    }));
    queue_mail(&db, &sign_in_link("jeune@example.org", 1), support::now())
        .await
        .expect("queued");
    let claimed = || async {
        mail_outbox::Entity::find()
            .one(&db)
            .await
            .expect("a query")
            .expect("the message")
    };
    let started = std::time::Instant::now();
    while claimed().await.claimed_until.is_none() {
        assert!(started.elapsed() < Duration::from_secs(10), "never claimed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    stop.send(()).expect("running");
    tokio::time::timeout(
        Duration::from_secs(settings.graceful_stop_seconds + 3),
        running,
    )
    .await
    .expect("stopped within the grace period")
    .expect("no panic")
    .expect("served");
    let message = claimed().await;
    assert_eq!(message.claimed_until, None, "the claim is handed back");
    assert_eq!(message.sent_at, None);
    held_open.abort();

    // Another instance sends it at once.
    let sink = SmtpSink::start(None).await.expect("a sink");
    let other =
        server::startup::Application::build(&support::test_settings(database.url(), sink.port()))
            .await
            .expect("another instance starts");
    let (_stop_other, other_stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(other.run_until(async {
        let _ = other_stopped.await;
    }));
    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(
        received[0].envelope_to,
        vec!["jeune@example.org".to_owned()]
    );
}

for_both_backends!(a_stopping_instance_hands_back_the_message_it_could_not_finish);
