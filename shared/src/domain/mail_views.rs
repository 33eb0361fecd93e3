//! What the mail pages show: a person's calendar feed, and the messages that could not be
//! delivered (for a counsellor to resend).

use super::SessionId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A person's private calendar feed, as the "add to my calendar" page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarFeedLink {
    /// `https://…/calendrier/<token>.ics`
    pub https_url: String,
    /// The same address as `webcal://…`, which phones open in their calendar app.
    pub webcal_url: String,
    /// Google Calendar's "add by URL" page with the feed filled in.
    pub google_url: String,
    pub created_at: DateTime<Utc>,
}

/// The signed-in person's calendar feed. Only the SHA-256 of its token is stored, so its
/// address is shown once, when it is made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MyCalendarFeed {
    /// Made just now: the address, shown this once.
    New(CalendarFeedLink),
    /// Made earlier: it works, but its address cannot be shown again; a new one replaces it.
    Existing { created_at: DateTime<Utc> },
}

/// A message set aside after failing: to whom, what, why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMail {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    pub failed_at: DateTime<Utc>,
    /// The mail server's answer, as it gave it: for the counsellor to read ("550 No such user").
    pub error: String,
    pub session_id: Option<SessionId>,
}
