//! Retention (issue 21): the daily job that minimises a youth's personal data once their
//! programme is over for long enough, the coordinators' preview of what it will do, and the
//! holds that stop it for a youth (a control, a dispute). What goes and what stays, and why, is
//! `domain::retention`.
//!
//! Rules:
//! - One transaction per youth, with a row in `minimisations` (unique on the youth): nobody is
//!   minimised twice nor half-way, whatever runs at once or stops midway.
//! - The figures of past periods do not move: what they read stays (dates, outcome, gender,
//!   attendance, contacts' kinds and durations), and whether a phone and an email were on file is
//!   kept in `minimisations`.
//! - When the evidence's own period is over (`RetentionSettings::evidence_expired`), the same
//!   daily run erases it: each session of the programme (sheet, PDFs and seals, attendance,
//!   enrolments), then each youth who entered it (the person and all that is left of them), one
//!   transaction each; a hold keeps the youth and every session they attended.
//! - Only coordinators see the preview, place or lift holds and act on an erasure request (what
//!   the daily job would do, at once, and the French account of what stays); each is audited.

pub(crate) mod erase_expired_evidence;
pub(crate) mod erase_youth_data;
pub(crate) mod hold_minimisation;
pub(crate) mod lift_minimisation_hold;
pub(crate) mod minimise_personal_data;
pub(crate) mod preview_minimisation;

pub use erase_expired_evidence::{EvidenceErasure, erase_expired_evidence};
pub use erase_youth_data::erase_youth_data;
pub use hold_minimisation::hold_minimisation;
pub use lift_minimisation_hold::lift_minimisation_hold;
pub use minimise_personal_data::{MinimisationRun, minimise_personal_data};
pub use preview_minimisation::preview_minimisation;
