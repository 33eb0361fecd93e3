//! Domain types: parsed once at the edge, trusted everywhere after.

mod paris_time;
mod session;
mod theme;

pub use paris_time::{PARIS, format_session_date, format_session_hours};
pub use session::{SessionCard, SessionStatus};
pub use theme::Theme;
