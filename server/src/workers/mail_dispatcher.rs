//! The mail dispatcher: delivers the outbox (`shared::services::deliver_queued_mail`) a pass
//! every `MAIL_DISPATCH_INTERVAL_MS`, or at once after a full batch of 50. One runs in each
//! `ateliers serve`, or alone in `ateliers worker`; the claims in the outbox let several run
//! at once, each message sent once. Asked to stop, it claims nothing more and ends the send in
//! hand; what it still claims at the deadline is released for another instance.

use std::time::Duration;

use sea_orm::DatabaseConnection;
use shared::mail::Mailer;
use shared::services::{HeldClaims, deliver_queued_mail_while};
use tokio::sync::watch;

/// How many messages one pass takes; a full pass is followed by another at once.
const BATCH: u64 = 50;

/// How the dispatcher sends: through `mailer`, a pass every `interval`, at the time `clock` reads.
pub struct DispatchPlan {
    pub mailer: Mailer,
    pub interval: Duration,
    pub clock: shared::clock::Clock,
}

/// Delivers the outbox until `stop` turns true: a pass every `interval`, or at once after a full
/// batch; once asked to stop, it claims no further message. What it claims is in `held` until
/// marked, for the caller to release if it must cut a send short. Errors are logged and retried
/// at the next pass; the outbox keeps every message.
pub async fn run_mail_dispatcher(
    db: DatabaseConnection,
    plan: DispatchPlan,
    mut stop: watch::Receiver<bool>,
    running: super::heartbeat::Running,
    metrics: crate::metrics::Metrics,
    held: std::sync::Arc<HeldClaims>,
) {
    let DispatchPlan {
        mailer,
        interval,
        clock,
    } = plan;
    tracing::info!(?interval, "mail dispatcher started");
    let stopping = stop.clone();
    let keep_going = move || !*stopping.borrow();
    loop {
        let mut full_batch = false;
        let pass = deliver_queued_mail_while(&db, &mailer, clock.now(), BATCH, &held, &keep_going);
        match pass.await {
            Ok(report) => {
                metrics.record_mail_pass(&report);
                let handled = report.sent + report.retried + report.set_aside;
                if handled > 0 {
                    tracing::info!(
                        sent = report.sent,
                        retried = report.retried,
                        set_aside = report.set_aside,
                        "mail dispatched"
                    );
                }
                full_batch = handled as u64 >= BATCH;
            }
            Err(error) => tracing::error!(%error, "mail dispatcher pass failed"),
        }
        running.beat(clock.now());
        if *stop.borrow() {
            break;
        }
        if !full_batch {
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                _ = stop.changed() => break,
            }
        }
    }
    tracing::info!("mail dispatcher stopped");
}
