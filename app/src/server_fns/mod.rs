//! Server functions: thin adapters, one file per use case. Each reads the state from context,
//! converts its input, calls one service in `shared` and maps the error.

mod list_upcoming_sessions;
mod local_mail;

pub use list_upcoming_sessions::*;
pub use local_mail::*;
