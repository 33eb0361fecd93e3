//! The stored enums of enrolment: where a youth stands at a session, an enrolment row's status and
//! method, and the kinds of event that change a place.

use serde::{Deserialize, Serialize};

/// Where a youth stands at a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    Registered,
    /// Position 1 is the next to be promoted.
    Waiting {
        position: u32,
    },
}

impl Standing {
    /// The answer a youth reads after enrolling.
    pub fn youth_message(self) -> String {
        match self {
            Standing::Registered => "Vous êtes inscrit·e à cette séance.".into(),
            Standing::Waiting { position } => {
                format!("Vous êtes n° {position} sur la liste d'attente.")
            }
        }
    }

    /// "inscrit·e", "n° 3 en liste d'attente".
    pub fn label(self) -> String {
        match self {
            Standing::Registered => "inscrit·e".into(),
            Standing::Waiting { position } => format!("n° {position} en liste d'attente"),
        }
    }
}

crate::domain::stored_as_code! {
    /// The stored state of an enrolment row.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EnrolmentStatus {
        Registered,
        Waiting,
        /// The youth cancelled their place or left the waiting list.
        Cancelled,
        /// A counsellor removed the youth (with a reason).
        Removed,
    }
}

impl EnrolmentStatus {
    pub fn code(self) -> &'static str {
        match self {
            EnrolmentStatus::Registered => "registered",
            EnrolmentStatus::Waiting => "waiting",
            EnrolmentStatus::Cancelled => "cancelled",
            EnrolmentStatus::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            EnrolmentStatus::Registered,
            EnrolmentStatus::Waiting,
            EnrolmentStatus::Cancelled,
            EnrolmentStatus::Removed,
        ]
        .into_iter()
        .find(|status| status.code() == code)
    }
}

crate::domain::stored_as_code! {
    /// How a change came about: the invitations word their mail by it ("your counsellor registered
    /// you", never "at your request" when the youth did nothing).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EnrolmentMethod {
        /// The youth, from their phone.
        ByYouth,
        /// A counsellor or coordinator.
        ByStaff,
        /// Automatically, when a place freed up.
        Automatic,
    }
}

impl EnrolmentMethod {
    pub fn code(self) -> &'static str {
        match self {
            EnrolmentMethod::ByYouth => "self",
            EnrolmentMethod::ByStaff => "counsellor",
            EnrolmentMethod::Automatic => "promotion",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            EnrolmentMethod::ByYouth,
            EnrolmentMethod::ByStaff,
            EnrolmentMethod::Automatic,
        ]
        .into_iter()
        .find(|method| method.code() == code)
    }
}

crate::domain::stored_as_code! {
    /// What happened to one youth's place: the domain event of the invitations issue.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum EnrolmentEventKind {
        Registered,
        Waitlisted,
        /// From the waiting list to a place (automatically or by a counsellor).
        Promoted,
        /// The youth gave up their place.
        Cancelled,
        /// The youth left the waiting list.
        LeftWaitingList,
        /// A counsellor removed the youth.
        Removed,
    }
}

impl EnrolmentEventKind {
    pub const ALL: [EnrolmentEventKind; 6] = [
        EnrolmentEventKind::Registered,
        EnrolmentEventKind::Waitlisted,
        EnrolmentEventKind::Promoted,
        EnrolmentEventKind::Cancelled,
        EnrolmentEventKind::LeftWaitingList,
        EnrolmentEventKind::Removed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EnrolmentEventKind::Registered => "registered",
            EnrolmentEventKind::Waitlisted => "waitlisted",
            EnrolmentEventKind::Promoted => "promoted",
            EnrolmentEventKind::Cancelled => "cancelled",
            EnrolmentEventKind::LeftWaitingList => "left_waiting_list",
            EnrolmentEventKind::Removed => "removed",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The status the youth's row has after this event.
    pub fn status_after(self) -> EnrolmentStatus {
        match self {
            EnrolmentEventKind::Registered | EnrolmentEventKind::Promoted => {
                EnrolmentStatus::Registered
            }
            EnrolmentEventKind::Waitlisted => EnrolmentStatus::Waiting,
            EnrolmentEventKind::Cancelled | EnrolmentEventKind::LeftWaitingList => {
                EnrolmentStatus::Cancelled
            }
            EnrolmentEventKind::Removed => EnrolmentStatus::Removed,
        }
    }

    /// "inscription", "liste d'attente"... for the history.
    pub fn label(self) -> &'static str {
        match self {
            EnrolmentEventKind::Registered => "inscription",
            EnrolmentEventKind::Waitlisted => "mise en liste d'attente",
            EnrolmentEventKind::Promoted => "place obtenue depuis la liste d'attente",
            EnrolmentEventKind::Cancelled => "désinscription",
            EnrolmentEventKind::LeftWaitingList => "sortie de la liste d'attente",
            EnrolmentEventKind::Removed => "retrait par un conseiller",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for kind in EnrolmentEventKind::ALL {
            assert_eq!(EnrolmentEventKind::parse(kind.code()), Some(kind));
        }
        for method in [
            EnrolmentMethod::ByYouth,
            EnrolmentMethod::ByStaff,
            EnrolmentMethod::Automatic,
        ] {
            assert_eq!(EnrolmentMethod::parse(method.code()), Some(method));
        }
        assert_eq!(
            EnrolmentStatus::parse("waiting"),
            Some(EnrolmentStatus::Waiting)
        );
    }
}
