//! Undelivered mail, the demo's mail viewer and the private calendar feed.

mod list_failed_mail;
mod local_mail;
mod open_calendar_feed;
mod resend_failed_mail;

pub use list_failed_mail::*;
pub use local_mail::*;
pub use open_calendar_feed::*;
pub use resend_failed_mail::*;
