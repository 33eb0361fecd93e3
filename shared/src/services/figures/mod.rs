//! Figures for the funder and the federation: the dashboard, the exports and the service's
//! health. `figures_records` reads a period in a handful of queries.

pub(crate) mod export_attendance_lines;
pub(crate) mod export_participants;
pub(crate) mod figures_records;
pub(crate) mod view_dashboard;
pub(crate) mod view_service_health;

pub use export_attendance_lines::export_attendance_lines;
pub use export_participants::export_participants;
pub use view_dashboard::view_dashboard;
pub use view_service_health::{read_service_health, view_service_health};
