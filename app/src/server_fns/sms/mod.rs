//! SMS: a youth's choice of email, SMS or both.
//!
//! Pages: `/mes-notifications`.

mod choose_notice_channel;
mod view_notice_settings;

pub use choose_notice_channel::*;
pub use view_notice_settings::*;
