//! Planning: plan, edit and cancel sessions; the agenda, the session pages, the public
//! page and a facilitator's sessions.
//!
//! Pages: `/agenda`, `/seances/nouvelle`, `/seances/:id` (staff); `/ateliers` (upcoming, with the
//! `ThemeFilter`, plain HTML) and `/ateliers/:id` (shareable); `/mes-seances` (a guest facilitator).

mod cancel_session;
mod list_agenda;
mod list_facilitator_sessions;
mod list_upcoming_sessions;
mod load_planning_options;
mod plan_sessions;
mod update_session;
mod view_public_session;
mod view_session;

pub use cancel_session::*;
pub use list_agenda::*;
pub use list_facilitator_sessions::*;
pub use list_upcoming_sessions::*;
pub use load_planning_options::*;
pub use plan_sessions::*;
pub use update_session::*;
pub use view_public_session::*;
pub use view_session::*;
