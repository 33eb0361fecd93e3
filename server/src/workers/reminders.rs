use std::time::Duration;

use sea_orm::DatabaseConnection;
use shared::services::{MailSettings, send_due_reminders};
use tokio::sync::watch;

/// Queues the reminders due, every `interval`, until `stop` turns true. The outbox then sends
/// them; several instances may run this at once (each reminder is recorded once).
pub async fn run_reminders(
    db: DatabaseConnection,
    mail: MailSettings,
    delays: Vec<chrono::Duration>,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(?interval, "reminder worker started");
    loop {
        match send_due_reminders(&db, &mail, &delays, chrono::Utc::now()).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders queued"),
            Err(error) => tracing::error!(%error, "reminder pass failed"),
        }
        if *stop.borrow() {
            break;
        }
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = stop.changed() => break,
        }
    }
    tracing::info!("reminder worker stopped");
}
