//! Delivery benchmark (not a timed test): 2,000 invitations (multipart with the calendar
//! inline and attached, as the app writes them) queued in the outbox, then delivered by the
//! outbox dispatcher (`deliver_queued_mail`, the pooled SMTP transport) to the SMTP sink on
//! loopback. Next to it, in the same run, the sink's raw rate: the same messages sent straight
//! to it over the same kind of pooled connection, without the outbox.
//!
//! `cargo bench -p ateliers-server --bench invitation_delivery`

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at its first surprise"
)]

#[path = "../tests/api/support/mod.rs"]
mod support;

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use lettre::message::Mailbox;
use server::smtp_sink::SmtpSink;
use shared::mail::Mailer;
use shared::mail::calendar::{
    AttendeeRole, CalendarMethod, CalendarPerson, SessionEvent, invitation_calendar,
};
use shared::mail::compose::{Envelope, MailText, compose};
use shared::services::{deliver_queued_mail, queue_mail};
use support::{Backend, migrated_database};

const MESSAGES: usize = 2_000;
const BATCH: u64 = 50;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!("{MESSAGES} invitations, SMTP on loopback");
    let messages: Vec<lettre::Message> = (0..MESSAGES).map(invitation).collect();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some((db, _database)) = migrated_database(backend).await else {
            println!("{backend:?}: skipped (PostgreSQL unreachable)");
            continue;
        };

        // The sink's raw rate: each message sent as is, one after the other.
        let sink = SmtpSink::start(None).await.unwrap();
        let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).unwrap();
        let raw: Vec<(String, Vec<u8>)> = messages
            .iter()
            .map(|message| {
                let to = message.envelope().to()[0].to_string();
                (to, message.formatted())
            })
            .collect();
        let started = Instant::now();
        for (to, content) in &raw {
            mailer
                .send_raw("ne-pas-repondre@ateliers.example", &[to], content)
                .await
                .unwrap();
        }
        let raw_rate = MESSAGES as f64 / started.elapsed().as_secs_f64();
        assert_eq!(sink.messages().len(), MESSAGES);
        drop(sink);

        // Through the outbox: queued, then claimed, sent and marked one by one.
        let sink = SmtpSink::start(None).await.unwrap();
        let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{}", sink.port())).unwrap();
        let now = support::now();
        let started = Instant::now();
        for message in &messages {
            queue_mail(&db, message, now).await.unwrap();
        }
        let queued_in = started.elapsed();
        let started = Instant::now();
        let mut sent = 0;
        loop {
            let report = deliver_queued_mail(&db, &mailer, now, BATCH).await.unwrap();
            if report.sent == 0 {
                break;
            }
            sent += report.sent;
        }
        let delivered_in = started.elapsed();
        assert_eq!(sent, MESSAGES);
        assert_eq!(sink.messages().len(), MESSAGES, "each message once");
        println!(
            "{backend:?}: dispatcher {:.0} messages/s ({:.2} s), sink raw {:.0} messages/s \
             (dispatcher at {:.0}% of raw); queueing {:.0} messages/s",
            MESSAGES as f64 / delivered_in.as_secs_f64(),
            delivered_in.as_secs_f64(),
            raw_rate,
            100.0 * (MESSAGES as f64 / delivered_in.as_secs_f64()) / raw_rate,
            MESSAGES as f64 / queued_in.as_secs_f64(),
        );
    }
}

/// An invitation as the app writes one, for youth `n`.
fn invitation(n: usize) -> lettre::Message {
    let starts_at = Utc.with_ymd_and_hms(2027, 3, 30, 12, 0, 0).unwrap();
    let event = SessionEvent {
        uid: "atelier-1@ateliers.example".into(),
        sequence: 0,
        dtstamp: support::now(),
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        summary: "Atelier CV".into(),
        location: "Mission Locale de Bondy — Salle Louise Michel, 12 rue de la République, \
                   93140 Bondy"
            .into(),
        description: "Construire un CV clair. À apporter : une clé USB.".into(),
        url: "https://ateliers.example/ateliers/1".into(),
    };
    let organizer = CalendarPerson {
        name: "Ingrid Martin".into(),
        email: "ingrid.martin@ml93.example".into(),
    };
    let attendee = CalendarPerson {
        name: format!("Jeune {n}"),
        email: format!("jeune{n}@jeunes.example"),
    };
    let calendar = invitation_calendar(
        CalendarMethod::Request,
        &event,
        &organizer,
        &attendee,
        AttendeeRole::Participant,
        false,
    );
    let from: Mailbox = "Ateliers <ne-pas-repondre@ateliers.example>"
        .parse()
        .unwrap();
    let text = MailText {
        subject: "Inscription confirmée : Atelier CV".into(),
        greeting: format!("Bonjour Jeune {n},"),
        paragraphs: vec!["Votre inscription à l'atelier « Atelier CV » est confirmée.".into()],
        details: vec![(
            "Quand".into(),
            "mardi 30 mars 2027, 14 h 00 – 16 h 00".into(),
        )],
        link: Some((
            "Voir l'atelier".into(),
            "https://ateliers.example/ateliers/1".into(),
        )),
        footer: shared::services::DEFAULT_MAIL_FOOTER.into(),
    };
    compose(
        Envelope {
            from: &from,
            reply_to: None,
            to: format!("Jeune {n} <jeune{n}@jeunes.example>")
                .parse()
                .unwrap(),
        },
        &text,
        Some((CalendarMethod::Request, &calendar)),
    )
    .unwrap()
}
