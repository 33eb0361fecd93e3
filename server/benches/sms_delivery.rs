//! SMS delivery benchmark (not a timed test): 2,000 reminders (one GSM segment each, the
//! commonest SMS) written to the SMS outbox, then sent by the dispatcher
//! (`deliver_queued_sms`, through the SMPP client bound to the SMSC sink on loopback). Next to
//! it, in the same run, the sink's own rate: the same texts sent straight through the client,
//! without the outbox.
//!
//! `cargo bench -p ateliers-server --bench sms_delivery`

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at its first surprise"
)]

#[path = "../tests/api/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use sea_orm::{ActiveModelTrait, Set};
use server::smsc_sink::SmscSink;
use shared::domain::sms::{SmsKind, fold_to_gsm, measure};
use shared::entities::sms_outbox;
use shared::services::{SmsSender, deliver_queued_sms};
use shared::sms::{SmppGateway, SmppSettings};
use support::{Backend, migrated_database};

const SMS: usize = 2_000;
const BATCH: u64 = 50;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    println!("{SMS} SMS, SMPP on loopback (window 10, no rate cap)");
    let texts: Vec<(String, String)> = (0..SMS)
        .map(|n| {
            (
                format!("+336{:08}", 10_000_000 + n),
                fold_to_gsm(&format!(
                    "Ateliers : rappel, Atelier CV mardi 30/03 de 14h00 à 16h00, Mission Locale \
                     de Bondy. Empêché(e) ? Libérez votre place : https://ateliers.example/s/{n}"
                )),
            )
        })
        .collect();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some((db, _database)) = migrated_database(backend).await else {
            println!("{backend:?}: skipped (PostgreSQL unreachable)");
            continue;
        };

        // The sink's own rate: each SMS sent as is, one after the other.
        let sink = SmscSink::start(None).await.unwrap();
        let gateway = bound(&sink).await;
        let started = Instant::now();
        for (to, text) in &texts {
            gateway.send(to, text).await.unwrap();
        }
        let raw_rate = SMS as f64 / started.elapsed().as_secs_f64();
        assert_eq!(sink.wait_for(SMS, Duration::from_secs(10)).await.len(), SMS);
        drop(gateway);
        drop(sink);

        // Through the outbox: queued, then claimed, sent and marked one by one.
        let sink = SmscSink::start(None).await.unwrap();
        let gateway = bound(&sink).await;
        let now = support::now();
        for (to, text) in &texts {
            let length = measure(text);
            sms_outbox::ActiveModel {
                kind: Set(SmsKind::Reminder),
                to_number: Set(to.clone()),
                body: Set(text.clone()),
                encoding: Set(length.encoding),
                segments: Set(length.segments as i32),
                created_at: Set(now),
                attempts: Set(0),
                next_attempt_at: Set(now),
                ..Default::default()
            }
            .insert(&db)
            .await
            .unwrap();
        }
        let started = Instant::now();
        let mut sent = 0;
        loop {
            let report = deliver_queued_sms(&db, &gateway, now, BATCH).await.unwrap();
            if report.sent == 0 {
                break;
            }
            sent += report.sent;
        }
        let delivered_in = started.elapsed();
        assert_eq!(sent, SMS);
        assert_eq!(
            sink.wait_for(SMS, Duration::from_secs(10)).await.len(),
            SMS,
            "each SMS once"
        );
        let rate = SMS as f64 / delivered_in.as_secs_f64();
        println!(
            "{backend:?}: dispatcher {rate:.0} SMS/s ({:.2} s), sink through the client {raw_rate:.0} \
             SMS/s (dispatcher at {:.0}% of it)",
            delivered_in.as_secs_f64(),
            100.0 * rate / raw_rate,
        );
    }
}

async fn bound(sink: &SmscSink) -> SmppGateway {
    let settings =
        SmppSettings::from_url(&format!("{}?rate=100000", sink.url()), "ATELIERS93").unwrap();
    let (gateway, _inbound) = SmppGateway::start(settings);
    assert!(gateway.wait_bound(Duration::from_secs(10)).await);
    gateway
}
