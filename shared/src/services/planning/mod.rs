//! Planning sessions and series: plan, edit, cancel, the agenda, the session pages,
//! the public page and a facilitator's sessions. `session_records` reads what they share.

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
pub use list_upcoming_sessions::list_upcoming_sessions;
pub use load_planning_options::load_planning_options;
pub use plan_sessions::plan_sessions;
pub use update_session::update_session;
pub use view_public_session::view_public_session;
pub use view_session::view_session;
