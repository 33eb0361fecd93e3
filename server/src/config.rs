//! Every setting, read from the environment (and `.env` when present) or the command line.
//! `.env.example` documents each one; `ateliers serve --help` lists them too.

use std::net::SocketAddr;

use crate::client_address::TrustedProxies;
use crate::workers::ReminderPlan;
use clap::{Args, ValueEnum};

#[derive(Args, Clone, Debug)]
pub struct Settings {
    /// Where the data lives: `sqlite://data/ateliers.db?mode=rwc` (embedded default) or
    /// `postgres://user@host/database`. It may hold a password: `--help` never shows its value.
    #[arg(
        long,
        env = "DATABASE_URL",
        hide_env_values = true,
        default_value = "sqlite://data/ateliers.db?mode=rwc"
    )]
    pub database_url: String,

    /// Address and port to listen on; port 0 picks a free one.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub site_addr: SocketAddr,

    /// Folder holding the built site (`pkg/` with the hashed CSS, JS and wasm).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Load the demo federation and sessions when the database is empty. Never in production:
    /// `serve` refuses it with an https public address or on a database holding other data.
    #[arg(long, env = "ATELIERS_DEMO", default_value_t = false)]
    pub demo: bool,

    /// With the demo, also a generated past year (youths, sessions held, roll-calls, sheets), so
    /// the figures and exports have something to show. `make run` and the browser tests set it.
    #[arg(long, env = "ATELIERS_DEMO_PAST_YEAR", default_value_t = false)]
    pub demo_past_year: bool,

    /// How mail leaves: `smtp` sends through SMTP_URL; `folder` (demo mode only, refused
    /// otherwise) writes `.eml` files to MAIL_FOLDER, which anyone may read at /courriels.
    #[arg(long, env = "MAIL_BACKEND", value_enum, default_value_t = MailBackend::Smtp)]
    pub mail_backend: MailBackend,

    /// Folder of the `.eml` files when MAIL_BACKEND=folder.
    #[arg(long, env = "MAIL_FOLDER", default_value = "data/mail")]
    pub mail_folder: String,

    /// SMTP server when MAIL_BACKEND=smtp: `smtp://host:25`, `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465` (TLS). No default: mail must not silently go
    /// nowhere. It may hold a password: `--help` never shows its value.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The operator's SMPP gateway, for youths who get their notices by SMS:
    /// `smpp://SYSTEM_ID:PASSWORD@HOST:PORT`, optionally `?window=10&rate=50` (segments in
    /// flight, segments per second). Unset, SMS wait in the outbox (in the demo they are
    /// written to SMS_FOLDER instead). It holds a password: `--help` never shows its value.
    #[arg(long, env = "SMS_URL", hide_env_values = true)]
    pub sms_url: Option<String>,

    /// The sender phones show: up to 11 letters and digits, or a number.
    #[arg(long, env = "SMS_SENDER", default_value = "ATELIERS93")]
    pub sms_sender: String,

    /// In the demo without SMS_URL, SMS are written there as `NNNN.txt`.
    #[arg(long, env = "SMS_FOLDER", default_value = "data/sms")]
    pub sms_folder: String,

    /// The address people use to reach Ateliers, for links in mail (`https://...` also makes
    /// cookies `Secure` and adds HSTS). When set, requests for another Host are refused (421),
    /// `/healthz` and `/readyz` apart. Defaults to `http://` + the listening address, any Host accepted.
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

    /// How many months after a youth leaves the programme (exit date, or the end of their twelve
    /// months) their personal data is minimised: contact details, free text, sensitive flags,
    /// messages, calendar copies, sign-in secrets. At least 7 (the funder's follow-up six
    /// months after the exit). Done by the daily job of the reminder worker (`ateliers
    /// minimise` runs it once); see docs/data-protection.md.
    #[arg(
        long,
        env = "PERSONAL_DATA_KEPT_MONTHS",
        default_value_t = shared::domain::DEFAULT_PERSONAL_DATA_MONTHS
    )]
    pub personal_data_kept_months: u32,

    /// Whether the reminder worker minimises what is due once a day; false when `ateliers
    /// minimise` runs from a scheduler instead (and in the tests, which run it themselves).
    #[arg(long, env = "MINIMISE_DAILY", default_value_t = true, action = clap::ArgAction::Set)]
    pub minimise_daily: bool,

    /// How many years after 31 December of the year of the programme's last payment the
    /// evidence (sheets, PDFs, corrections, enrolments, hours, entry and exit data) is kept: the
    /// European funds' rule, 5 at least.
    #[arg(
        long,
        env = "EVIDENCE_KEPT_YEARS",
        default_value_t = shared::domain::DEFAULT_EVIDENCE_YEARS
    )]
    pub evidence_kept_years: u32,

    /// The year of the programme's last payment by the funder, once it is known: evidence is
    /// kept until 31 December of that year plus EVIDENCE_KEPT_YEARS, then the daily job erases
    /// it (sessions held and youths entered by the end of that year). Unset: not known yet.
    #[arg(long, env = "PROGRAMME_LAST_PAYMENT_YEAR")]
    pub programme_last_payment_year: Option<i32>,

    /// How often the mail dispatcher looks for mail to send, in milliseconds.
    #[arg(long, env = "MAIL_DISPATCH_INTERVAL_MS", default_value_t = 2000)]
    pub mail_dispatch_interval_ms: u64,

    /// The reverse proxies whose `X-Forwarded-For` names the client (for rate limits and the
    /// audit log): addresses and CIDR blocks, IPv4 and IPv6, comma-separated
    /// (`127.0.0.1,10.0.0.0/8,::1`). Empty by default: the connection's peer is the client, and
    /// nobody's header is believed. Behind a proxy, name it, or every client shares its limits.
    #[arg(long, env = "TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: TrustedProxies,

    /// How many passwords may be checked at once (argon2: ~19 MiB and a core for tens of
    /// milliseconds each); other sign-ins wait their turn, up to 10 seconds, then are told to
    /// come back.
    #[arg(long, env = "PASSWORD_CHECKS_AT_ONCE", default_value_t = 4)]
    pub password_checks_at_once: usize,

    /// On SIGTERM (or Ctrl-C), how many seconds requests in flight get to finish before their
    /// connections are closed; the mail dispatcher then ends its pass and the process exits 0.
    #[arg(long, env = "GRACEFUL_STOP_SECONDS", default_value_t = 20)]
    pub graceful_stop_seconds: u64,

    /// The bearer token Prometheus sends to read `/metrics` (`authorization: credentials` in
    /// its scrape configuration). Unset: `/metrics` does not exist. `--help` never shows it.
    #[arg(long, env = "METRICS_TOKEN", hide_env_values = true)]
    pub metrics_token: Option<String>,

    /// The federation's Ed25519 key that seals the PDFs Ateliers issues: 32 bytes, base64url
    /// (`ateliers seal-key` makes one). Unset: made at first start and kept in the database.
    /// Set it to keep the same key across installations. `--help` never shows it.
    #[arg(long, env = "SEAL_KEY", hide_env_values = true)]
    pub seal_key: Option<String>,

    /// Debug builds only, for tests: the instant the clock reads at start (RFC 3339,
    /// `2027-07-14T08:00:00Z`); it runs on from there. A release build refuses to start with it.
    #[arg(long, env = "ATELIERS_CLOCK_START", hide = true)]
    pub clock_start: Option<chrono::DateTime<chrono::Utc>>,

    /// Browser tests only (demo mode, refused otherwise): other maxima for the hard limits of
    /// sign-ins and link requests, `account=N,network=N` (per address, per network, each per
    /// 15 minutes), since every request of a browser test comes from 127.0.0.1.
    #[arg(long, env = "ATELIERS_TEST_RATE_LIMITS", hide = true, value_parser = parse_rate_limits)]
    pub test_rate_limits: Option<shared::domain::RateLimits>,

    /// The clock a test hands in and keeps (moving it moves the app's): not a setting.
    #[arg(skip)]
    pub clock: shared::clock::Clock,

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

    /// The clock the server and its workers read: the system's, unless a test set another.
    pub fn clock(&self) -> anyhow::Result<shared::clock::Clock> {
        match self.clock_start {
            None => Ok(self.clock.clone()),
            Some(_) if !cfg!(debug_assertions) => anyhow::bail!(
                "ATELIERS_CLOCK_START est réservé aux tests : retirez-le pour démarrer.\n\
                 ATELIERS_CLOCK_START is for tests only (debug builds): remove it to start."
            ),
            Some(start) => Ok(shared::clock::Clock::starting_at(start)),
        }
    }

    /// The retention settings, checked: a careless value stops the start.
    pub fn retention(&self) -> anyhow::Result<shared::domain::RetentionSettings> {
        shared::domain::RetentionSettings {
            personal_data_months: self.personal_data_kept_months,
            evidence_years: self.evidence_kept_years,
            last_payment_year: self.programme_last_payment_year,
            message_body_days: self.mail_retention_days,
        }
        .check()
        .map_err(anyhow::Error::msg)
    }

    /// What the reminder worker sends, with links to `mail.site_url`.
    pub fn reminder_plan(
        &self,
        mail: shared::services::MailSettings,
    ) -> anyhow::Result<ReminderPlan> {
        Ok(ReminderPlan {
            mail,
            delays: self
                .reminder_hours
                .iter()
                .map(|hours| chrono::Duration::hours(i64::from(*hours)))
                .collect(),
            no_contact_alert_weeks: self.no_contact_alert_weeks,
            sheet_reminder_hours: self.sheet_reminder_hours,
            mail_retention_days: self.mail_retention_days,
            retention: if self.minimise_daily {
                Some(self.retention()?)
            } else {
                None
            },
            interval: std::time::Duration::from_secs(self.reminder_interval_seconds),
        })
    }
}

/// `account=N,network=N`: the maxima of [`shared::domain::RateLimits`], both required.
fn parse_rate_limits(text: &str) -> Result<shared::domain::RateLimits, String> {
    let (mut account, mut network) = (None, None);
    for part in text.split(',') {
        let (name, value) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}`: expected account=N or network=N"))?;
        let value: u64 = value
            .trim()
            .parse()
            .map_err(|_| format!("`{part}`: expected a whole number"))?;
        match name.trim() {
            "account" => account = Some(value),
            "network" => network = Some(value),
            other => return Err(format!("`{other}`: expected account or network")),
        }
    }
    match (account, network) {
        (Some(account), Some(network)) => {
            Ok(shared::domain::RateLimits::with_maxima(account, network))
        }
        _ => Err("expected both account=N and network=N".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_rate_limits;
    use shared::domain::RateLimits;

    #[test]
    fn test_rate_limits_name_both_maxima() {
        assert_eq!(
            parse_rate_limits("account=50, network=1000"),
            Ok(RateLimits::with_maxima(50, 1000))
        );
        assert!(parse_rate_limits("account=50").is_err());
        assert!(parse_rate_limits("account=lots,network=1").is_err());
        assert!(parse_rate_limits("accounts=1,network=1").is_err());
    }
}
