//! Places at a session: a youth's own, counsellors', the waiting list, capacity, the roster.
//!
//! Pages: the youth's place on `/ateliers/:id` (component `EnrolmentPanel`: plain forms, no
//! wasm; cancelling is a link to the confirmation page `/ateliers/:id/annuler`, whose POST
//! cancels, never a GET) and `/mes-inscriptions`; the
//! counsellor's places on `/seances/:id` (their youths or a search, several at once; remove with
//! a reason; promote; capacity; history).

mod cancel_enrolment;
mod change_capacity;
mod enrol_in_session;
mod enrol_youths;
mod list_my_enrolments;
mod promote_from_waiting_list;
mod remove_enrolment;
mod view_roster;
mod view_youth_place;

pub use cancel_enrolment::*;
pub use change_capacity::*;
pub use enrol_in_session::*;
pub use enrol_youths::*;
pub use list_my_enrolments::*;
pub use promote_from_waiting_list::*;
pub use remove_enrolment::*;
pub use view_roster::*;
pub use view_youth_place::*;
