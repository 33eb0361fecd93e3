use std::time::Duration;

use sea_orm::DatabaseConnection;
use shared::services::{MailSettings, send_due_reminders, send_no_contact_alerts};
use tokio::sync::watch;

/// Queues the reminders due and the no-contact alerts to referents (one mail per referent and
/// pass), every `interval`, until `stop` turns true. The outbox then sends them; several
/// instances may run this at once (each reminder and each youth's alert is recorded once).
pub async fn run_reminders(
    db: DatabaseConnection,
    mail: MailSettings,
    delays: Vec<chrono::Duration>,
    no_contact_alert_weeks: u32,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    tracing::info!(?interval, "reminder worker started");
    loop {
        let now = chrono::Utc::now();
        match send_due_reminders(&db, &mail, &delays, now).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders queued"),
            Err(error) => tracing::error!(%error, "reminder pass failed"),
        }
        match send_no_contact_alerts(&db, &mail, no_contact_alert_weeks, now).await {
            Ok(queued) if queued.mails == 0 => {}
            Ok(queued) => tracing::info!(
                mails = queued.mails,
                youths = queued.youths,
                "no-contact alerts queued"
            ),
            Err(error) => tracing::error!(%error, "no-contact alert pass failed"),
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
