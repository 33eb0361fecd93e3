//! Places at a session: a youth's own enrolment, counsellors enrolling and removing, the
//! waiting list, capacity and the roster. `enrolment_records` takes the session's lock and reads
//! the roster for them all.

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
pub use enrol_in_session::enrol_in_session;
pub use enrol_youths::enrol_youths;
pub use list_my_enrolments::list_my_enrolments;
pub use promote_from_waiting_list::promote_from_waiting_list;
pub use remove_enrolment::remove_enrolment;
pub use view_roster::view_roster;
pub use view_youth_place::view_youth_place;
