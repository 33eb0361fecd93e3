//! The demo federation for `make run` and the browser tests, and a generated past year
//! (also the figures' tests and benchmark).
//!
//! Rules:
//! - The demo (`load_demo_data`) fills only an empty database: a federation of ten Missions
//!   Locales, a few weeks of published sessions, and one session under way when it loads, so
//!   attendance can be tried at once. It writes `demo_marker` in the same transaction.
//! - Its accounts' password is published, so `ateliers serve` refuses the demo behind an https
//!   `ATELIERS_PUBLIC_URL` or on a database holding other data, and refuses a demo database
//!   without `ATELIERS_DEMO` (`classify_database`, `server/src/start_checks.rs`); the demo-only
//!   mail viewer `/courriels` exists only in demo mode.

pub(crate) mod generate_past_activity;
pub(crate) mod load_demo_data;
mod past_year_plan;

pub use generate_past_activity::{
    ActivityScale, GeneratedActivity, GeneratedSession, GeneratedYouth, generate_past_activity,
};
pub use load_demo_data::{DEMO_PASSWORD, demo_accounts, load_demo_data};
