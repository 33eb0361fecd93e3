//! One module per page, named after what the person does there.

mod local_mail;
mod not_found;
mod upcoming_sessions;

pub use local_mail::{LocalMailMessagePage, LocalMailPage};
pub use not_found::NotFoundPage;
pub use upcoming_sessions::UpcomingSessionsPage;
