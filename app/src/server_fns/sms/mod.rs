//! SMS: a youth's choice of email, SMS or both; SMS that could not be delivered.
//!
//! Pages: `/mes-notifications`, `/courriels-en-echec`.

mod choose_notice_channel;
mod list_failed_sms;
mod resend_failed_sms;
mod view_notice_settings;

pub use choose_notice_channel::*;
pub use list_failed_sms::*;
pub use resend_failed_sms::*;
pub use view_notice_settings::*;
