//! The reminder worker, every `REMINDER_INTERVAL_SECONDS`: reminders to youths before a session
//! (`REMINDER_HOURS`), no-contact alerts to referents (`NO_CONTACT_ALERT_WEEKS`), reminders of
//! sheets left open to counsellors (`SHEET_REMINDER_HOURS`), the purge of sent bodies
//! (`MAIL_RETENTION_DAYS`), and once a day (Paris), the minimisation of personal data due
//! (`PERSONAL_DATA_KEPT_MONTHS`). It only queues mail; the dispatcher sends it. Several
//! instances may run it at once: each reminder, gap and sheet is named once (unique rows written
//! with the mail), each youth minimised once (`minimisations`).

use std::time::Duration;

use sea_orm::DatabaseConnection;
use shared::services::{
    MailSettings, minimise_personal_data, purge_sent_mail, send_due_reminders,
    send_no_contact_alerts, send_sheet_reminders,
};
use tokio::sync::watch;

/// What the reminder worker sends, and how often it looks.
pub struct ReminderPlan {
    pub mail: MailSettings,
    /// Before a session, to its registered youths.
    pub delays: Vec<chrono::Duration>,
    /// Weeks without contact before a referent is alerted (0: off).
    pub no_contact_alert_weeks: u32,
    /// Hours after a session's end before its counsellors are reminded of an open sheet (0: off).
    pub sheet_reminder_hours: u32,
    /// Days a sent mail's body is kept (0: kept).
    pub mail_retention_days: u32,
    /// When youths' personal data is minimised (daily); none: not by this worker.
    pub retention: Option<shared::domain::RetentionSettings>,
    pub interval: Duration,
}

/// Queues, every `plan.interval` until `stop` turns true, the reminders due to youths, the
/// no-contact alerts to referents and the reminders of sheets still open to counsellors (one
/// mail per referent or counsellor and pass), and purges the bodies of mail sent more than
/// `plan.mail_retention_days` ago. The outbox then sends them; several instances may run this
/// at once (each reminder, youth's gap and session's sheet is named once).
pub async fn run_reminders(
    db: DatabaseConnection,
    plan: ReminderPlan,
    mut stop: watch::Receiver<bool>,
    clock: shared::clock::Clock,
) {
    tracing::info!(interval = ?plan.interval, "reminder worker started");
    let mut minimised_on = None;
    loop {
        let now = clock.now();
        match send_due_reminders(&db, &plan.mail, &plan.delays, now).await {
            Ok(0) => {}
            Ok(queued) => tracing::info!(queued, "reminders queued"),
            Err(error) => tracing::error!(%error, "reminder pass failed"),
        }
        match send_no_contact_alerts(&db, &plan.mail, plan.no_contact_alert_weeks, now).await {
            Ok(queued) if queued.mails == 0 => {}
            Ok(queued) => tracing::info!(
                mails = queued.mails,
                youths = queued.youths,
                "no-contact alerts queued"
            ),
            Err(error) => tracing::error!(%error, "no-contact alert pass failed"),
        }
        match send_sheet_reminders(&db, &plan.mail, plan.sheet_reminder_hours, now).await {
            Ok(queued) if queued.mails == 0 => {}
            Ok(queued) => tracing::info!(
                mails = queued.mails,
                sessions = queued.sessions,
                "sheet reminders queued"
            ),
            Err(error) => tracing::error!(%error, "sheet reminder pass failed"),
        }
        match purge_sent_mail(&db, plan.mail_retention_days, now).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "bodies of sent mail purged"),
            Err(error) => tracing::error!(%error, "sent mail purge failed"),
        }
        let today = now.with_timezone(&shared::domain::PARIS).date_naive();
        if let Some(retention) = &plan.retention
            && minimised_on != Some(today)
        {
            match minimise_personal_data(&db, retention, now).await {
                Ok(run) => {
                    minimised_on = Some(today);
                    if run.minimised > 0 || run.held > 0 {
                        tracing::info!(
                            minimised = run.minimised,
                            held = run.held,
                            "personal data minimised"
                        );
                    }
                    if run.evidence.sessions > 0 || run.evidence.youths > 0 {
                        tracing::info!(
                            sessions = run.evidence.sessions,
                            youths = run.evidence.youths,
                            held = run.evidence.held,
                            "evidence erased at the end of its period"
                        );
                    }
                }
                Err(error) => tracing::error!(%error, "minimisation failed"),
            }
        }
        if *stop.borrow() {
            break;
        }
        tokio::select! {
            () = tokio::time::sleep(plan.interval) => {}
            _ = stop.changed() => break,
        }
    }
    tracing::info!("reminder worker stopped");
}
