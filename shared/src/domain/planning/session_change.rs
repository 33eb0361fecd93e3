//! `SessionChange`: the domain event of a change to a session, stored as JSON in
//! `session_events` and turned into mail by the invitations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::PersonId;

/// A change to a session that people must hear about: the domain events the invitations issue
/// turns into mail. Stored as JSON in `session_events.change`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SessionChange {
    Scheduled {
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        published: bool,
    },
    Published,
    Rescheduled {
        from_starts_at: DateTime<Utc>,
        from_ends_at: DateTime<Utc>,
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
    },
    Moved {
        from: String,
        to: String,
    },
    FacilitatorsChanged {
        added: Vec<PersonId>,
        removed: Vec<PersonId>,
    },
    CounsellorsChanged {
        added: Vec<PersonId>,
        removed: Vec<PersonId>,
    },
    /// Capacity, audience, enrolment window or note: no new invitation needed.
    DetailsChanged {
        fields: Vec<String>,
    },
    Cancelled {
        reason: String,
    },
}

impl SessionChange {
    pub fn kind(&self) -> &'static str {
        match self {
            SessionChange::Scheduled { .. } => "scheduled",
            SessionChange::Published => "published",
            SessionChange::Rescheduled { .. } => "rescheduled",
            SessionChange::Moved { .. } => "moved",
            SessionChange::FacilitatorsChanged { .. } => "facilitators_changed",
            SessionChange::CounsellorsChanged { .. } => "counsellors_changed",
            SessionChange::DetailsChanged { .. } => "details_changed",
            SessionChange::Cancelled { .. } => "cancelled",
        }
    }

    /// Whether youths must be told by SMS too: the day, the time or the place changed.
    pub fn moves_attendees(&self) -> bool {
        matches!(
            self,
            SessionChange::Rescheduled { .. } | SessionChange::Moved { .. }
        )
    }

    /// Whether attendees' calendars must be updated (iCalendar SEQUENCE + 1).
    pub fn updates_invitations(&self) -> bool {
        matches!(
            self,
            SessionChange::Rescheduled { .. }
                | SessionChange::Moved { .. }
                | SessionChange::FacilitatorsChanged { .. }
                | SessionChange::Cancelled { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_trip_as_json() {
        let change = SessionChange::Cancelled {
            reason: "Intervenante malade".into(),
        };
        let json = serde_json::to_string(&change).unwrap();
        assert!(json.contains("\"kind\":\"cancelled\""));
        assert_eq!(
            serde_json::from_str::<SessionChange>(&json).unwrap(),
            change
        );
        assert!(change.updates_invitations());
        assert!(!SessionChange::DetailsChanged { fields: vec![] }.updates_invitations());
    }
}
