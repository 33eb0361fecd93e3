//! What each role sees first after signing in.

use serde::{Deserialize, Serialize};

use super::{OwnContact, SessionCard, YouthSummary};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Home {
    /// "My sessions", "upcoming workshops" and "my meetings with my counsellor".
    Youth {
        first_name: String,
        my_sessions: Vec<SessionCard>,
        upcoming: Vec<SessionCard>,
        /// Newest first: day and kind, never the subject.
        my_contacts: Vec<OwnContact>,
    },
    /// "My sessions".
    Facilitator {
        first_name: String,
        my_sessions: Vec<SessionCard>,
    },
    /// "My agenda" (the sessions of their Mission Locale) and "my youths".
    Counsellor {
        first_name: String,
        mission_locale: String,
        agenda: Vec<SessionCard>,
        my_youths: Vec<YouthSummary>,
    },
    /// The federation view: figures per Mission Locale.
    Coordinator {
        first_name: String,
        missions_locales: Vec<MissionLocaleFigures>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionLocaleFigures {
    pub name: String,
    pub counsellors: u64,
    pub youths_in_programme: u64,
    pub upcoming_sessions: u64,
}

/// Who is signed in, for the page header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedInPerson {
    pub display_name: String,
    /// `Conseiller·ère — Mission Locale de Bondy`, `Jeune`, `Intervenant·e`, `Coordination`.
    pub role: String,
    pub is_staff: bool,
    pub is_youth: bool,
}
