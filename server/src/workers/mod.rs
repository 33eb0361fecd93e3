//! Background work that runs beside the HTTP server in `ateliers serve`, or alone in
//! `ateliers worker`.

mod heartbeat;
mod mail_dispatcher;
mod reminders;
mod sms_dispatcher;

pub use heartbeat::{DispatcherHeartbeat, Running};
pub use mail_dispatcher::{DispatchPlan, run_mail_dispatcher};
pub use reminders::{ReminderPlan, run_reminders};
pub use sms_dispatcher::{SmsPlan, SmsRoute, run_sms_dispatcher};
