//! Every setting, read from the environment (and `.env` when present) or the command line.
//! `.env.example` documents each one; `ateliers serve --help` lists them too.

use std::net::SocketAddr;

use crate::workers::ReminderPlan;
use clap::{Args, ValueEnum};

#[derive(Args, Clone, Debug)]
pub struct Settings {
    /// Where the data lives: `sqlite://data/ateliers.db?mode=rwc` (embedded default) or
    /// `postgres://user@host/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/ateliers.db?mode=rwc"
    )]
    pub database_url: String,

    /// Address and port to listen on; port 0 picks a free one.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    /// Folder holding the built site (`pkg/` with the hashed CSS, JS and wasm).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Load the demo federation and sessions when the database is empty. Never in production.
    #[arg(long, env = "ATELIERS_DEMO", default_value_t = false)]
    pub demo: bool,

    /// With the demo, also a generated past year (youths, sessions held, roll-calls, sheets), so
    /// the figures and exports have something to show. `make run` and the browser tests set it.
    #[arg(long, env = "ATELIERS_DEMO_PAST_YEAR", default_value_t = false)]
    pub demo_past_year: bool,

    /// How mail leaves: `folder` writes `.eml` files to MAIL_FOLDER (listed at /courriels),
    /// `smtp` sends through SMTP_URL.
    #[arg(long, env = "MAIL_BACKEND", value_enum, default_value_t = MailBackend::Folder)]
    pub mail_backend: MailBackend,

    /// Folder of the `.eml` files when MAIL_BACKEND=folder.
    #[arg(long, env = "MAIL_FOLDER", default_value = "data/mail")]
    pub mail_folder: String,

    /// SMTP server when MAIL_BACKEND=smtp: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465` (TLS).
    #[arg(long, env = "SMTP_URL", default_value = "smtp://127.0.0.1:25")]
    pub smtp_url: String,

    /// The address people use to reach Ateliers, for links in mail (`https://...` also makes
    /// cookies `Secure`). Defaults to `http://` + the listening address.
    #[arg(long, env = "ATELIERS_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Who mail comes from.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Ateliers — Missions Locales 93 <ne-pas-repondre@ateliers.example>"
    )]
    pub mail_from: String,

    /// The programme's co-funding mention at the foot of every mail.
    #[arg(long, env = "MAIL_FOOTER", default_value = shared::services::DEFAULT_MAIL_FOOTER)]
    pub mail_footer: String,

    /// When youths are reminded of a session they are registered for, in hours before it,
    /// comma-separated (only the closest one due is sent).
    #[arg(
        long,
        env = "REMINDER_HOURS",
        value_delimiter = ',',
        default_value = "48,2"
    )]
    pub reminder_hours: Vec<u32>,

    /// How often the reminder worker looks for reminders due, in seconds.
    #[arg(long, env = "REMINDER_INTERVAL_SECONDS", default_value_t = 60)]
    pub reminder_interval_seconds: u64,

    /// After how many weeks without contact (no workshop attended) a youth's referent is
    /// alerted, once per gap (one mail per referent and pass, listing their youths); 0 turns
    /// the alerts off. Checked by the reminder worker.
    #[arg(
        long,
        env = "NO_CONTACT_ALERT_WEEKS",
        default_value_t = shared::services::DEFAULT_NO_CONTACT_ALERT_WEEKS
    )]
    pub no_contact_alert_weeks: u32,

    /// How many hours after a session's end its counsellors are reminded, once, that its
    /// attendance sheet is still not closed (one mail per counsellor and pass, listing their
    /// sessions); 0 turns the reminders off. Checked by the reminder worker.
    #[arg(
        long,
        env = "SHEET_REMINDER_HOURS",
        default_value_t = shared::services::DEFAULT_SHEET_REMINDER_HOURS
    )]
    pub sheet_reminder_hours: u32,

    /// How many days the body of a sent mail is kept (the row stays: to whom, subject, when);
    /// 0 keeps bodies. Purged by the reminder worker.
    #[arg(
        long,
        env = "MAIL_RETENTION_DAYS",
        default_value_t = shared::services::DEFAULT_MAIL_RETENTION_DAYS
    )]
    pub mail_retention_days: u32,

    /// How often the mail dispatcher looks for mail to send, in milliseconds.
    #[arg(long, env = "MAIL_DISPATCH_INTERVAL_MS", default_value_t = 2000)]
    pub mail_dispatch_interval_ms: u64,

    /// Log lines as human-readable text or as JSON (for log collectors).
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MailBackend {
    Folder,
    Smtp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

impl Settings {
    /// Where links in mail point and who mail comes from. `site_url` is the public address
    /// (ATELIERS_PUBLIC_URL, or the listening address).
    pub fn mail_settings(&self, site_url: &str) -> anyhow::Result<shared::services::MailSettings> {
        use anyhow::Context;
        Ok(shared::services::MailSettings {
            site_url: site_url.trim_end_matches('/').to_owned(),
            from: self
                .mail_from
                .parse()
                .with_context(|| format!("MAIL_FROM is not a valid address: {}", self.mail_from))?,
            footer: self.mail_footer.clone(),
        })
    }

    /// What the reminder worker sends, with links to `mail.site_url`.
    pub fn reminder_plan(&self, mail: shared::services::MailSettings) -> ReminderPlan {
        ReminderPlan {
            mail,
            delays: self
                .reminder_hours
                .iter()
                .map(|hours| chrono::Duration::hours(i64::from(*hours)))
                .collect(),
            no_contact_alert_weeks: self.no_contact_alert_weeks,
            sheet_reminder_hours: self.sheet_reminder_hours,
            mail_retention_days: self.mail_retention_days,
            interval: std::time::Duration::from_secs(self.reminder_interval_seconds),
        }
    }
}
