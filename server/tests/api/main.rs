//! The server's integration tests, in one binary (one link instead of one per file). Each
//! module is a capability or a concern, tested through the real server on a fresh database,
//! on SQLite and on PostgreSQL (`on_both_databases!`); `support` starts the apps, the SMTP sink
//! and the databases, and holds the test's clock.
//!
//! One test: `cargo nextest run -p ateliers-server --test api planning::` (a module) or
//! `... --test api a_series_keeps_paris_wall_clock_time` (a name).

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at its first surprise"
)]

#[macro_use]
mod support;

mod access_matrix;
mod attendance;
mod backup;
mod basics;
mod behind_proxy;
mod catalogue;
mod dashboard_counts;
mod demo;
mod document_seals;
mod enrolment;
mod evidence_erasure;
mod figures;
mod half_days;
mod individual_contacts;
mod invitations;
mod logs;
mod mail;
mod malformed_requests;
mod outbox;
mod people;
mod people_access;
mod planning;
mod production_start;
mod rate_limits;
mod retention;
mod security_headers;
mod service_health;
mod sheet_reminders;
mod sign_in_links;
mod sms_delivery;
mod sms_sign_in;
mod staff_and_places;
mod youth_path;
