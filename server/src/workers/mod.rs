//! Background work that runs beside the HTTP server in `ateliers serve`, or alone in
//! `ateliers worker`.

mod heartbeat;
mod mail_dispatcher;
mod reminders;

pub use heartbeat::{DispatcherHeartbeat, Running};
pub use mail_dispatcher::{DispatchPlan, run_mail_dispatcher};
pub use reminders::{ReminderPlan, run_reminders};
