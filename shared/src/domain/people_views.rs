//! What pages show about people: built by the services, already filtered by the access policy
//! (a field a person may not read is absent, not hidden by the page).

use serde::{Deserialize, Serialize};

use super::{FacilitatorForm, HoldView, MissionLocaleId, PersonId, YouthForm, YouthPath};

/// A line of a youth list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthSummary {
    pub id: PersonId,
    pub first_name: String,
    pub last_name: String,
    pub age: u32,
    pub referent_name: String,
    pub mission_locale_name: String,
    /// `En parcours depuis le 2 novembre 2026`, `Sorti le ...`, `Fiche archivée`.
    pub programme_status: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A youth's file, for the page that shows and edits it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthDetails {
    pub id: PersonId,
    /// Pre-fills the edit form. The sensitive checkboxes are ticked only if the reader may see
    /// them (see `flags_visible`).
    pub form: YouthForm,
    pub referent_name: String,
    pub mission_locale_name: String,
    pub age: u32,
    pub archived: bool,
    pub editable: bool,
    /// Whether this reader may name another referent (the referent and coordinators).
    pub referent_editable: bool,
    /// Which sensitive flags this reader may see and change.
    pub disability_visible: bool,
    pub judicial_supervision_visible: bool,
    pub history: Vec<AuditLine>,
    /// The sessions attended and individual contacts month by month, against the target of one
    /// to two contacts.
    pub path: YouthPath,
    /// Today in Paris, `2026-03-14`: the contact form's default day.
    pub today: String,
    /// Who else was shown the sensitive flags, newest first: for the referent and
    /// coordinators only (`Actor::may_see_sensitive_reads`), else `None`.
    pub sensitive_reads: Option<Vec<SensitiveRead>>,
    /// This reader may download the youth's copy of their data (`/jeunes/:id/donnees.zip`).
    pub data_exportable: bool,
    /// This reader (a coordinator) may act on an erasure request, and hold the minimisation.
    pub erasable: bool,
    /// For coordinators: the hold on the youth's minimisation, if one stands.
    pub hold: Option<HoldView>,
    /// For coordinators: the youth's personal data was minimised (when due, or on request).
    pub minimised: bool,
}

/// Someone was shown a youth's sensitive flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SensitiveRead {
    /// `27 novembre 2026 à 14 h 05`, Paris time.
    pub at: String,
    pub reader_name: String,
    /// « reconnaissance de handicap, suivi judiciaire ».
    pub flags: String,
}

/// One line of a record's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    /// `27 novembre 2026 à 14 h 05`, Paris time.
    pub at: String,
    pub actor_name: String,
    pub action: String,
    pub details: String,
}

/// A counsellor a youth can be referred to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounsellorOption {
    pub id: PersonId,
    /// `Ingrid Martin — Mission Locale de Bondy`.
    pub label: String,
}

/// A line of the guest facilitators' list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorSummary {
    pub id: PersonId,
    pub first_name: String,
    pub last_name: String,
    pub organisation: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Archived facilitators are listed last, to be found and restored.
    pub archived: bool,
}

/// A guest facilitator's page: their details, and whether this reader keeps them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilitatorDetails {
    pub id: PersonId,
    /// Pre-fills the edit form.
    pub form: FacilitatorForm,
    pub archived: bool,
    /// Whether this reader may correct, archive and restore them
    /// (`Actor::may_edit_facilitator`).
    pub editable: bool,
}

/// A line of the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffSummary {
    pub id: PersonId,
    pub name: String,
    pub email: Option<String>,
    /// `Coordination`, or `Conseiller·ère — Mission Locale de Bondy`.
    pub role: String,
    /// `référent·e handicap`, `référent·e justice`.
    pub specialities: Vec<String>,
    pub archived: bool,
}

/// A Mission Locale to choose in a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionLocaleOption {
    pub id: MissionLocaleId,
    pub name: String,
}
