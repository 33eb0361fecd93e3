//! One module per use case, named `verb_noun`. Each takes `&impl ConnectionTrait`, so it runs on
//! the pool or inside a caller's transaction alike.

mod connect_database;
mod deliver_queued_mail;
mod list_upcoming_sessions;
mod load_demo_data;
mod queue_mail;

pub use connect_database::connect_database;
pub use deliver_queued_mail::{DeliveryReport, MAX_ATTEMPTS, backoff, deliver_queued_mail};
pub use list_upcoming_sessions::list_upcoming_sessions;
pub use load_demo_data::load_demo_data;
pub use queue_mail::queue_mail;
