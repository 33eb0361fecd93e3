//! What the enrolment pages show: a youth's place at a session, their list of places, and the
//! counsellor's view of a session's registered youths and waiting list.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{PersonId, SessionCard, SessionId, Standing};

/// A signed-in youth's place at one session, and what they may do about it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthPlaceView {
    pub session_id: SessionId,
    pub standing: Option<Standing>,
    /// Why the youth cannot enrol now; `None` when they may.
    pub enrol_refusal: Option<String>,
    /// Why the youth cannot cancel online now; `None` when they may.
    pub cancel_refusal: Option<String>,
    /// When online cancelling closes, already written in Paris time ("2 décembre 2026 à
    /// 15 h 30"): formatting it in the browser would put chrono's time-zone and locale tables
    /// into the wasm every youth downloads.
    pub cancel_until: String,
    pub seats_left: u32,
    pub waiting: u32,
    /// The answer to the action just taken ("Vous êtes inscrit·e à cette séance.").
    pub message: Option<String>,
}

/// One of the youth's places, in "Mes inscriptions".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyEnrolment {
    pub session: SessionCard,
    pub standing: Standing,
    pub cancellation_closes_at: DateTime<Utc>,
}

/// One youth on a session's roster, as a counsellor sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterLine {
    pub youth_id: PersonId,
    pub name: String,
    pub standing: Standing,
    /// "par le ou la jeune", "par Ingrid Martin", "depuis la liste d'attente".
    pub how: String,
    pub since: DateTime<Utc>,
    pub may_remove: bool,
}

/// A youth the counsellor may enrol, found by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentCandidate {
    pub youth_id: PersonId,
    pub name: String,
    /// Already holds a place.
    pub standing: Option<Standing>,
    /// Reasons to think twice (overlapping place, programme ended).
    pub warnings: Vec<String>,
    /// Why this youth cannot be enrolled at all (age, audience).
    pub refusal: Option<String>,
}

/// A session's places for the staff session page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterView {
    pub session_id: SessionId,
    pub capacity: u32,
    pub registered_count: u32,
    pub waiting_count: u32,
    /// In order; youths of other Mission Locales are counted but not named for a counsellor
    /// who does not organise the session.
    pub registered: Vec<RosterLine>,
    pub waiting: Vec<RosterLine>,
    /// Promotion, capacity: the organisers' decisions.
    pub may_manage: bool,
    /// Whether freed places still go to the first in line by themselves.
    pub promotes_automatically: bool,
    pub taking_places: bool,
    pub search: String,
    pub candidates: Vec<EnrolmentCandidate>,
    pub history: Vec<EnrolmentHistoryLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentHistoryLine {
    pub at: DateTime<Utc>,
    pub text: String,
}

/// What became of each youth a counsellor enrolled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolmentOutcome {
    pub youth_id: PersonId,
    pub name: String,
    pub standing: Standing,
    pub warnings: Vec<String>,
}

impl EnrolmentOutcome {
    /// "Lina Haddad : inscrit·e (attention : déjà inscrit·e à « CV » au même moment)".
    pub fn summary(&self) -> String {
        let mut text = format!("{} : {}", self.name, self.standing.label());
        if !self.warnings.is_empty() {
            text.push_str(&format!(" (attention : {})", self.warnings.join(" ; ")));
        }
        text
    }
}
