//! Planning a session or a series: what the form must contain, who may join, when enrolment
//! opens and closes, and the changes that the invitations turn into mail. The same parsing runs
//! in the browser (instant feedback, `app/src/islands/session_form_check.rs`) and on the server
//! (the one that counts).
//!
//! - `SessionForm` → `SessionPlan`: the end after the start, a day to come and at most two
//!   years ahead (further, the year is a typo), 1–200 places and no more than the room's, at
//!   least one counsellor, an audience, an enrolment window, a note of at most 1,000 characters.
//! - `Audience::admits`: the whole federation, the organising Mission Locale's youths, or the
//!   youths of given counsellors (e.g. the disability specialists).
//! - `EnrolmentWindow` is relative to the start (opens 1–365 days before, or at publication;
//!   closes 0–336 hours before), so moving a session moves its window.
//! - `SessionChange` is the domain event of a change, stored as JSON in `session_events`;
//!   `SessionEditor::edit` says which ones an edit implies for one stored session (new times,
//!   place, people, details, publication) with their summaries, and whether the SEQUENCE rises.
//! - `new_sessions`: the sessions a plan creates, one per occurrence, in Paris wall-clock time.
//! - `double_booking`: a room or a person in two sessions at once is refused, naming the other.
//! - `day_warnings`: public holidays and the site's closing days warn, never refuse.

mod audience;
mod day_warnings;
mod double_booking;
mod edit_scope;
mod new_sessions;
mod session_change;
mod session_edit;
mod session_plan;

pub use audience::{Audience, Enrollee, EnrolmentWindow};
pub use day_warnings::day_warnings;
pub use double_booking::{BookedSession, Claim, double_booking};
pub use edit_scope::{EditScope, parse_cancellation_reason};
pub use new_sessions::{NewSession, NewSessions, new_sessions};
pub use session_change::SessionChange;
pub use session_edit::{EditNames, SessionEdit, SessionEditor, StoredSession};
pub use session_plan::{PlaceChoice, SessionForm, SessionPlan, parse_day, parse_time};
