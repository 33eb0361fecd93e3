//! What the planning screens show: the choices of the session form, a session as staff see it,
//! as a guest facilitator sees it, and as anyone may see it (no personal data).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    MissionLocaleId, MissionLocaleOption, PersonId, RoomId, SeriesId, SessionForm, SessionId,
    SessionStatus, Theme, WorkshopTypeId,
};

/// A workshop of the catalogue that new sessions may use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkshopTypeOption {
    pub id: WorkshopTypeId,
    pub title: String,
    pub theme: Theme,
    pub default_duration_minutes: u32,
    pub default_capacity: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomOption {
    pub id: RoomId,
    pub mission_locale_id: MissionLocaleId,
    /// "Bondy — Antenne centre — salle Louise Michel (12 places)".
    pub label: String,
    pub capacity: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonOption {
    pub id: PersonId,
    pub name: String,
    /// Counsellors: their Mission Locale; facilitators: their organisation.
    pub detail: String,
}

/// Everything the session form offers to choose from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanningOptions {
    pub workshop_types: Vec<WorkshopTypeOption>,
    pub rooms: Vec<RoomOption>,
    pub counsellors: Vec<PersonOption>,
    pub facilitators: Vec<PersonOption>,
    pub missions_locales: Vec<MissionLocaleOption>,
    /// Preselected: the counsellor planning.
    pub me: Option<PersonId>,
}

/// Where a session happens, with what a person needs to get there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceView {
    /// "Mission Locale de Bondy — salle Louise Michel", or the external venue's name.
    pub name: String,
    pub address: String,
    /// Opening hours and accessibility of the site, when the place is a room.
    pub access_notes: Vec<String>,
}

/// Someone to contact about a session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// One line of a session's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionHistoryLine {
    pub at: DateTime<Utc>,
    pub who: String,
    pub summary: String,
}

/// A session within its series: "séance 3 sur 6", and the others.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesPosition {
    pub series_id: SeriesId,
    pub position: u32,
    pub count: u32,
    pub sessions: Vec<SeriesSibling>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSibling {
    pub id: SessionId,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: SessionStatus,
}

/// A session as staff see it on its page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDetails {
    pub id: SessionId,
    pub title: String,
    pub theme: Theme,
    pub mission_locale: String,
    pub status: SessionStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: PlaceView,
    pub capacity: u32,
    pub counsellors: Vec<ContactView>,
    pub facilitators: Vec<ContactView>,
    pub audience: String,
    pub enrolment_opens_at: Option<DateTime<Utc>>,
    pub enrolment_closes_at: DateTime<Utc>,
    pub note_for_youths: String,
    pub series: Option<SeriesPosition>,
    pub cancellation_reason: Option<String>,
    /// Public holidays, site closures.
    pub warnings: Vec<String>,
    pub history: Vec<SessionHistoryLine>,
    /// The edit form, filled in, when the viewer may change the session.
    pub edit_form: Option<SessionForm>,
}

/// A session as a guest facilitator sees it in "my sessions": nothing about youths but first
/// names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorSession {
    pub id: SessionId,
    pub title: String,
    pub theme: Theme,
    pub description: String,
    pub status: SessionStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: PlaceView,
    pub contacts: Vec<ContactView>,
    pub capacity: u32,
    /// Youths registered, and their first names (to greet them; nothing more).
    pub registered: u32,
    pub first_names: Vec<String>,
    pub cancellation_reason: Option<String>,
}

/// A facilitator's sessions, split at now.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorAgenda {
    pub upcoming: Vec<FacilitatorSession>,
    pub past: Vec<FacilitatorSession>,
}

/// The shareable page of a session: no personal data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicSession {
    pub id: SessionId,
    pub title: String,
    pub theme: Theme,
    pub description: String,
    pub what_to_bring: String,
    pub suits: String,
    pub mission_locale: String,
    pub status: SessionStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: PlaceView,
    pub capacity: u32,
    pub seats_left: u32,
    pub waiting: u32,
    pub audience: String,
    pub note_for_youths: String,
    pub cancellation_reason: Option<String>,
    /// Who leads it: only for signed-in people (names are personal data).
    pub facilitators: Vec<String>,
}

/// One session in the counsellors' agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    pub id: SessionId,
    pub title: String,
    pub theme: Theme,
    pub mission_locale: String,
    pub status: SessionStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    pub capacity: u32,
    pub registered: u32,
    pub waiting: u32,
    pub counsellors: Vec<String>,
    pub facilitators: Vec<String>,
}

/// The agenda's filters, as the query string carries them (`?vue=semaine&du=2026-12-07&ml=4`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaQuery {
    /// `semaine`, `mois` or `liste`.
    pub view: String,
    /// Any day of the period; empty: today.
    pub from: String,
    pub mission_locale_id: String,
    pub theme: String,
    pub counsellor_id: String,
    pub facilitator_id: String,
}

/// The agenda for a period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub first_day: chrono::NaiveDate,
    /// Exclusive.
    pub end_day: chrono::NaiveDate,
    pub entries: Vec<AgendaEntry>,
    pub options: PlanningOptions,
}
