//! Planning sessions and series: plan, edit, cancel, the agenda, the session pages,
//! the public page and a facilitator's sessions. `session_records` reads what they share.
//! The use cases are thin: they load rows, ask the pure rules of `domain::planning`
//! (`new_sessions`, `SessionEditor::edit`, `EditScope::series_from`, `double_booking`) and
//! write what those return.
//!
//! Rules:
//! - A series (*cycle*) is real sessions, one per occurrence (`domain::Series`); nothing is
//!   written unless every one passes, so one clash refuses the whole series. Edits and
//!   cancellations apply to one session, this and the following, or the whole series
//!   (`EditScope`), never to a session started or cancelled.
//! - Who plans: the organising Mission Locale's counsellors and coordinators
//!   (`Actor::may_plan_for`); the organiser is the room's Mission Locale (an external venue:
//!   the planning counsellor's).
//! - No double booking of a room, a counsellor or a facilitator: `check_no_double_booking`
//!   loads every session not cancelled overlapping the claim and `domain::double_booking`
//!   compares with them (half-open times, `domain::conflicts`) and names
//!   the other one. On PostgreSQL `lock_resources` first locks the room's and people's rows, in
//!   id order; SQLite has one writer at a time (`begin_write`).
//! - Changes are events: every plan, move, reschedule, change of people, publication and
//!   cancellation is a row of `session_events` (`record_change`: a French summary for the
//!   history, the `domain::SessionChange` as JSON for the invitations). A change attendees must
//!   hear about (`SessionChange::updates_invitations`) raises the session's iCalendar
//!   `sequence`; `notifications::session_mail` queues the mail in the same transaction. A
//!   cancelled session is never deleted.
//! - Public holidays and the site's closing days warn, never refuse (`domain::day_warnings`):
//!   on the session page, and holidays in the form's preview.
//! - Who sees what: staff read the whole agenda (week, month or four-week list; filters; drafts
//!   and cancelled sessions shown, marked) and each session's page with its history; a guest
//!   facilitator only their own sessions (`/mes-seances`: address, access notes, whom to call);
//!   the shareable page `/ateliers/:id` holds no personal data and no drafts; the upcoming list
//!   shows a signed-in youth what their audience admits, anyone else the public list, without
//!   sessions reserved to given counsellors' youths.

pub(crate) mod cancel_session;
pub(crate) mod list_agenda;
pub(crate) mod list_facilitator_sessions;
pub(crate) mod list_upcoming_sessions;
pub(crate) mod load_planning_options;
pub(crate) mod plan_sessions;
pub(crate) mod session_records;
pub(crate) mod update_session;
pub(crate) mod view_public_session;
pub(crate) mod view_session;

pub use cancel_session::cancel_session;
pub use list_agenda::list_agenda;
pub use list_facilitator_sessions::list_facilitator_sessions;
pub use list_upcoming_sessions::{PUBLIC_LIST_KEPT_FOR, PublicListCache, list_upcoming_sessions};
pub use load_planning_options::load_planning_options;
pub use plan_sessions::plan_sessions;
pub use update_session::update_session;
pub use view_public_session::view_public_session;
pub use view_session::view_session;
