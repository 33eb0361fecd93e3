//! The use cases, one module per use case named `verb_noun`, in a folder per capability
//! (`planning/`, `catalogue/`, `places/`, `enrolment/`, `attendance/`, `people/`, `sign_in/`,
//! `notifications/`, `figures/`, `retention/`, and `demo/` for the demo's data); each folder's `*_records`
//! module holds the database reads its use cases share. Each takes `&impl ConnectionTrait`, so it
//! runs on the pool or inside a caller's transaction alike. Services that act for a person take
//! the [`Actor`](crate::domain::Actor) and ask the access policy before anything else. What every
//! capability uses sits here: the access guard, `begin_write` (SQLite's write lock first), the
//! audit log, the server's keys and the database connection.

mod access_guard;
mod begin_write;
mod classify_database;
mod connect_database;
mod load_server_key;
mod record_audit_event;

mod attendance;
mod catalogue;
mod demo;
mod enrolment;
mod figures;
mod notifications;
mod people;
mod places;
mod planning;
mod retention;
mod sign_in;
mod sms;

pub use crate::domain::RateLimit;
pub use attendance::*;
pub use catalogue::*;
pub use classify_database::{DatabaseContents, classify_database};
pub use connect_database::connect_database;
pub use demo::*;
pub use enrolment::*;
pub use figures::*;
pub use load_server_key::load_server_key;
pub use notifications::*;
pub use people::*;
pub use places::*;
pub use planning::*;
pub use record_audit_event::record_audit_event;
pub use retention::*;
pub use sign_in::*;
pub use sms::*;
