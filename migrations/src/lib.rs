//! The schema of Ateliers. It comes only from these migrations: tests, `make run` and production
//! all apply them, never a schema generated from the entities.

pub use sea_orm_migration::prelude::*;

mod m20261127_000001_create_catalogue_and_sessions;
mod m20261127_000002_create_mail_outbox;
mod m20261127_000003_create_places_and_people;
mod m20261127_000004_create_sign_in_links_and_sessions;
mod m20261127_000005_create_audit_log_and_rate_limits;
mod m20261127_000006_plan_sessions;
mod m20261127_000007_enrolments;
mod m20261127_000008_invitations;
mod m20261128_000009_attendance;
mod m20261128_000010_no_contact_alerts;
mod m20261203_000011_sheet_reminders;
mod m20261204_000012_check_in_networks;
mod m20261204_000013_people_access;
mod m20261204_000015_demo_marker;
mod m20261204_000016_server_keys;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_catalogue_and_sessions::Migration),
            Box::new(m20261127_000002_create_mail_outbox::Migration),
            Box::new(m20261127_000003_create_places_and_people::Migration),
            Box::new(m20261127_000004_create_sign_in_links_and_sessions::Migration),
            Box::new(m20261127_000005_create_audit_log_and_rate_limits::Migration),
            Box::new(m20261127_000006_plan_sessions::Migration),
            Box::new(m20261127_000007_enrolments::Migration),
            Box::new(m20261127_000008_invitations::Migration),
            Box::new(m20261128_000009_attendance::Migration),
            Box::new(m20261128_000010_no_contact_alerts::Migration),
            Box::new(m20261203_000011_sheet_reminders::Migration),
            Box::new(m20261204_000012_check_in_networks::Migration),
            Box::new(m20261204_000013_people_access::Migration),
            Box::new(m20261204_000015_demo_marker::Migration),
            Box::new(m20261204_000016_server_keys::Migration),
        ]
    }
}
