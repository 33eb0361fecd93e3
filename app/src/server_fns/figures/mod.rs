//! The dashboard and the service's health.
//!
//! Pages: `/chiffres` (staff menu « Chiffres »): a GET form (scope, period), the key numbers,
//! contactability, tables by theme, month and gender that scroll sideways on a phone, and the
//! export links; `/etat-du-service` (coordinators): the outbox and the activity.

mod view_dashboard;
mod view_service_health;

pub use view_dashboard::*;
pub use view_service_health::*;
