//! What leaves Ateliers for people's inboxes and calendars: the mail outbox and its
//! dispatcher, the invitations of a session (`session_mail`), reminders and alerts, undelivered
//! mail, and the private calendar feeds.

pub(crate) mod deliver_queued_mail;
pub(crate) mod list_failed_mail;
pub(crate) mod open_calendar_feed;
pub(crate) mod purge_sent_mail;
pub(crate) mod queue_mail;
pub(crate) mod resend_failed_mail;
pub(crate) mod revoke_calendar_feed;
pub(crate) mod send_due_reminders;
pub(crate) mod send_no_contact_alerts;
pub(crate) mod send_sheet_reminders;
pub(crate) mod session_mail;
pub(crate) mod view_calendar_feed;

pub use deliver_queued_mail::{
    DeliveryReport, HeldClaims, MAX_ATTEMPTS, backoff, deliver_queued_mail,
    deliver_queued_mail_while, release_mail_claims,
};
pub use list_failed_mail::list_failed_mail;
pub use open_calendar_feed::open_calendar_feed;
pub use purge_sent_mail::{DEFAULT_MAIL_RETENTION_DAYS, purge_sent_mail};
pub use queue_mail::{MailAbout, queue_mail, queue_mail_about};
pub use resend_failed_mail::resend_failed_mail;
pub use revoke_calendar_feed::revoke_calendar_feed;
pub use send_due_reminders::{DEFAULT_REMINDERS, send_due_reminders};
pub use send_no_contact_alerts::{
    DEFAULT_NO_CONTACT_ALERT_WEEKS, NoContactAlertsQueued, send_no_contact_alerts,
};
pub use send_sheet_reminders::{
    DEFAULT_SHEET_REMINDER_HOURS, SheetRemindersQueued, send_sheet_reminders,
};
pub use view_calendar_feed::{CalendarFeed, view_calendar_feed};
