//! A session's status (draft, published, cancelled: a closed set stored as codes) and the card
//! the public list shows, without personal data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{SessionId, Theme};

super::stored_as_code! {
    /// Where a session stands. "Upcoming" or "past" is derived from the clock, never stored.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum SessionStatus {
        Draft,
        Published,
        Cancelled,
    }
}

impl SessionStatus {
    pub fn code(self) -> &'static str {
        match self {
            SessionStatus::Draft => "draft",
            SessionStatus::Published => "published",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<SessionStatus> {
        [
            SessionStatus::Draft,
            SessionStatus::Published,
            SessionStatus::Cancelled,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

/// What the public list of upcoming workshops shows about one session: no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionCard {
    pub id: SessionId,
    pub title: String,
    pub theme: Theme,
    pub mission_locale: String,
    pub venue_name: String,
    pub venue_address: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
    pub seats_left: u32,
    /// Youths on the waiting list.
    pub waiting: u32,
    /// The signed-in youth's place, when they hold one.
    #[serde(default)]
    pub standing: Option<super::Standing>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_codes() {
        for status in [
            SessionStatus::Draft,
            SessionStatus::Published,
            SessionStatus::Cancelled,
        ] {
            assert_eq!(SessionStatus::parse(status.code()), Some(status));
        }
        assert_eq!(SessionStatus::parse("deleted"), None);
    }
}
