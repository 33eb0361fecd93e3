//! Figures for the funder and the federation: the dashboard, the exports and the service's
//! health. `figures_records` reads a period in a handful of queries.
//!
//! Rules:
//! - Who sees which figures: coordinators any Mission Locale or the whole federation,
//!   counsellors their own Mission Locale (`Actor::may_view_figures`). What is counted, and how,
//!   is `domain::figures` (`count_facts`, `arrange_dashboard`).
//! - `view_dashboard` has the database count (`count_dashboard`: a few hundred grouped rows
//!   at national scale); `export_participants` and `export_attendance_lines` read the facts
//!   (`figures_records`);
//!   the files (`documents::spreadsheet`) are served at
//!   `/chiffres/{participants,presences}.{csv,xlsx}?ml=&du=&au=` (`server/src/routes.rs`).
//! - « État du service » (`view_service_health`, coordinators, `Actor::may_view_service_health`)
//!   and `/metrics` read the outbox and the activity from the database, so every instance says
//!   the same (`domain::service_health`).

pub(crate) mod count_dashboard;
pub(crate) mod export_attendance_lines;
pub(crate) mod export_participants;
pub(crate) mod figures_records;
pub(crate) mod view_dashboard;
pub(crate) mod view_service_health;

pub use count_dashboard::count_dashboard;
pub use export_attendance_lines::export_attendance_lines;
pub use export_participants::export_participants;
pub use figures_records::count_records;
pub use view_dashboard::view_dashboard;
pub use view_service_health::{read_service_health, view_service_health};
