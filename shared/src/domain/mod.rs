//! Domain types: parsed once at the edge, trusted everywhere after.

mod access;
mod contact;
mod invalid_input;
mod paris_time;
mod person;
mod session;
mod theme;

pub use access::{Actor, SensitiveFlagsVisibility, YouthFile};
pub use contact::{EmailAddress, PhoneNumber};
pub use invalid_input::InvalidInput;
pub use paris_time::{PARIS, format_session_date, format_session_hours};
pub use person::{
    Gender, PROGRAMME_MAX_AGE, PROGRAMME_MIN_AGE, PersonName, age_on, check_programme_age,
};
pub use session::{SessionCard, SessionStatus};
pub use theme::Theme;
