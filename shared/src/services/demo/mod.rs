//! The demo federation for `make run` and the browser tests, and a generated past year
//! (also the figures' tests and benchmark).

pub(crate) mod generate_past_activity;
pub(crate) mod load_demo_data;

pub use generate_past_activity::{
    ActivityScale, GeneratedActivity, GeneratedSession, GeneratedYouth, generate_past_activity,
};
pub use load_demo_data::{DEMO_PASSWORD, demo_accounts, load_demo_data};
