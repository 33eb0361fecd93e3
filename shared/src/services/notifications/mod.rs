//! What leaves Ateliers for people's inboxes and calendars: the mail outbox and its
//! dispatcher, the invitations of a session (`session_mail`), reminders and alerts, undelivered
//! mail, and the private calendar feeds.
//!
//! Rules:
//! - Mail is queued in the transaction of its cause (`queue_mail` writes `mail_outbox`), then
//!   sent once: `deliver_queued_mail` claims a row with a conditional update (a claim lasts five
//!   minutes), sends the stored bytes, retries with backoff (30 s, doubling, at most an hour) and
//!   sets a message aside after a permanent refusal or 10 tries. Once sent, the links carrying a
//!   secret are cut from the kept copy (`mail::redact`); `purge_sent_mail` empties sent bodies
//!   after `MAIL_RETENTION_DAYS` (default 30), rows kept. A message cut off mid-send goes out
//!   again (at least once, never lost). Run by `server/src/workers/`.
//! - Invitations: see `session_mail` (reconciliation of what each person holds).
//! - Reminders (`send_due_reminders`, `REMINDER_HOURS`, default 48 and 2): to youths registered
//!   by then, the closest delay due only, never for a cancelled session; one row of
//!   `session_reminders` (unique) with its mail, so several workers send each once.
//! - No-contact alerts (`send_no_contact_alerts`, `NO_CONTACT_ALERT_WEEKS`, default 4, 0 = off):
//!   a youth in the programme, not archived, without contact (`domain::youth_path`) for that many
//!   weeks since the last contact or the entry is named to their referent once per gap. One mail
//!   per referent and pass lists every youth newly due (at most 50 names, then « Et N autres »
//!   and `/jeunes?miens=on`), so a first start sends each referent one list. Each youth is
//!   recorded in `no_contact_alerts` (unique on youth and gap start; rows of one mail share its
//!   `mail_id`) in the transaction of the mail, which rolls back and reads again if another
//!   worker recorded one first. A new contact starts a new gap.
//! - Sheet reminders (`send_sheet_reminders`, `SHEET_REMINDER_HOURS`, default 24, 0 = off): a
//!   published session ended that long ago whose sheet is not closed (the rule of
//!   `/emargements`) is named once to each counsellor running it (not archived, with an
//!   address): one mail per counsellor and pass, oldest first, at most 50 then « Et N autres »,
//!   and a button to `/emargements`; `sheet_reminders` (unique on session and counsellor) is
//!   written as for the alerts.
//! - Calendar feeds: a revocable token per person, stored as its SHA-256
//!   (`calendar_feeds.token_hash`), so its address is shown once, when made (`/mon-agenda` then
//!   offers a new one). `/calendrier/<token>.ics` has no METHOD and no attendees, the
//!   invitations' UIDs, an ETag (304 when unchanged); cancelled sessions and places left
//!   disappear.
//! - Undelivered mail (set aside) is listed at `/courriels-en-echec` and resent as it was (same
//!   Message-ID): coordinators see all of it, a counsellor only what is about their Mission
//!   Locale's youths and staff or the facilitators they keep, never about an archived person
//!   (`Actor::may_see_mail_about`).

pub(crate) mod batch_records;
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
