//! Sessions for staff: planning one or a series, and a session's own page with its details,
//! changes, cancellation and places.

mod change_session;
mod enrol_youths;
mod new_session;
mod roster;
mod session_form;
mod session_page;

pub use new_session::NewSessionPage;
pub use session_page::SessionPage;
