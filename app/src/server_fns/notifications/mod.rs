//! Undelivered mail, the demo's mail viewer and the private calendar feed.
//!
//! Pages: `/mon-agenda` (the feed's webcal and Google links, instructions, a new address),
//! `/courriels-en-echec` (staff: undelivered mail, resent as it was), `/courriels` (the folder
//! mailer's messages, in demo mode only).

mod list_failed_mail;
mod local_mail;
mod open_calendar_feed;
mod resend_failed_mail;

pub use list_failed_mail::*;
pub use local_mail::*;
pub use open_calendar_feed::*;
pub use resend_failed_mail::*;
