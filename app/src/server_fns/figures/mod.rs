//! The dashboard and the service's health.

mod view_dashboard;
mod view_service_health;

pub use view_dashboard::*;
pub use view_service_health::*;
