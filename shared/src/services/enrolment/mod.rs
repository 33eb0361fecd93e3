//! Places at a session: a youth's own enrolment, counsellors enrolling and removing, the
//! waiting list, capacity and the roster. `enrolment_records` takes the session's lock and reads
//! the roster for them all.
//!
//! Rules:
//! - Never overbooked: every change of places takes the session's lock first
//!   (`UPDATE workshop_sessions SET roster_version = roster_version + 1`: a row lock on
//!   PostgreSQL, the write lock on SQLite), reads the roster, applies one `domain::Roster`
//!   operation and writes the rows, their `enrolment_events` (registered, waitlisted, promoted,
//!   cancelled, left_waiting_list, removed; by self, counsellor or promotion) and the mail, in one
//!   transaction. `enrolments` is unique on (session, youth). `planning::update_session` changes
//!   the capacity through the same roster. Proven by `no_overbooking_under_concurrency` and
//!   `no_overbooking_across_two_instances` (`server/tests/api/enrolment.rs`), measured by
//!   `server/benches/enrolment_load.rs`.
//! - A Monday-morning rush: the taps that arrive at a session while its places are being
//!   changed wait in `EnrolmentQueue` and are served together in the next transaction (the
//!   rules, rows, events and mail of each, in arrival order; the lock and reads paid once).
//! - Youths: `enrol_in_session`, `cancel_enrolment`, `view_youth_place`, `list_my_enrolments`.
//!   Staff: `enrol_youths` (several at once), `remove_enrolment` (with a reason),
//!   `promote_from_waiting_list`, `change_capacity`, `view_roster`.
//! - Who may: enrol or remove a youth, those who may change the youth's file
//!   (`Actor::may_enrol_youth`) or, to remove, the session's organisers
//!   (`may_remove_from_session`); on the roster the organisers name everyone, other counsellors
//!   only the youths whose files they may read (`may_see_on_roster`).

pub(crate) mod cancel_enrolment;
pub(crate) mod change_capacity;
pub(crate) mod enrol_in_session;
pub(crate) mod enrol_youths;
pub(crate) mod enrolment_records;
pub(crate) mod list_my_enrolments;
pub(crate) mod promote_from_waiting_list;
pub(crate) mod remove_enrolment;
pub(crate) mod view_roster;
pub(crate) mod view_youth_place;

pub use cancel_enrolment::cancel_enrolment;
pub use change_capacity::change_capacity;
pub use enrol_in_session::{EnrolmentQueue, enrol_in_session};
pub use enrol_youths::enrol_youths;
pub use list_my_enrolments::list_my_enrolments;
pub use promote_from_waiting_list::promote_from_waiting_list;
pub use remove_enrolment::remove_enrolment;
pub use view_roster::view_roster;
pub use view_youth_place::view_youth_place;
