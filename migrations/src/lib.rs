//! The schema of Ateliers. It comes only from these migrations: tests, `make run` and production
//! all apply them, never a schema generated from the entities.

pub use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{
    DatabaseConnection, DbBackend, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

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
mod m20261204_000014_secrets_at_rest;
mod m20261204_000015_demo_marker;
mod m20261204_000016_server_keys;
mod m20261205_000017_sms;
mod m20261205_000018_document_seals;
mod m20261205_000019_individual_contacts;
mod m20261205_000020_sensitive_flag_reads;
mod m20261205_000021_retention;
mod m20261206_000022_half_day_attendance;
mod m20261206_000023_national_scale_indexes;

/// The indexes of a national-scale database, for the benchmark that measures with and without
/// them (`server/benches/national_scale.rs`).
pub use m20261206_000023_national_scale_indexes::{
    indexes as national_scale_indexes, names as national_scale_index_names,
};

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
            Box::new(m20261204_000014_secrets_at_rest::Migration),
            Box::new(m20261204_000015_demo_marker::Migration),
            Box::new(m20261204_000016_server_keys::Migration),
            Box::new(m20261205_000017_sms::Migration),
            Box::new(m20261205_000018_document_seals::Migration),
            Box::new(m20261205_000019_individual_contacts::Migration),
            Box::new(m20261205_000020_sensitive_flag_reads::Migration),
            Box::new(m20261205_000021_retention::Migration),
            Box::new(m20261206_000022_half_day_attendance::Migration),
            Box::new(m20261206_000023_national_scale_indexes::Migration),
        ]
    }
}

/// Applies the pending migrations, one instance at a time: several instances of a deployment
/// may start at once on one database, and without a lock each would create the same tables.
/// The whole run holds a lock that ends with its transaction (so on the one connection that
/// holds it, whatever the pool): PostgreSQL's transaction-level advisory lock, SQLite's write
/// lock (`BEGIN IMMEDIATE`). The instances that wait then find nothing left to apply.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    let options = TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    };
    let txn = db.begin_with_options(options).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
            .await?;
    }
    Migrator::up(&txn, None).await?;
    txn.commit().await
}

/// The advisory lock's key: any number that nothing else locks ("ATELIERS" in ASCII).
const MIGRATION_LOCK: i64 = 0x4154_454C_4945_5253;

#[cfg(test)]
mod tests {
    use sea_orm_migration::sea_orm::{ConnectOptions, Database, DatabaseConnection};

    use super::*;

    async fn migrated(folder: &tempfile::TempDir) -> DatabaseConnection {
        let url = format!("sqlite://{}/down.db?mode=rwc", folder.path().display());
        let db = Database::connect(ConnectOptions::new(url))
            .await
            .expect("connects");
        Migrator::up(&db, None).await.expect("migrations apply");
        db
    }

    /// Invitations sent and attendance sheets are the evidence the funder audits: going back
    /// must not drop them.
    #[tokio::test]
    async fn the_invitations_and_attendance_migrations_refuse_to_go_back() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let db = migrated(&folder).await;
        let manager = SchemaManager::new(&db);

        let refused = m20261128_000009_attendance::Migration
            .down(&manager)
            .await
            .expect_err("attendance cannot be reverted");
        assert!(
            refused.to_string().contains("attendance sheets"),
            "{refused}"
        );
        let refused = m20261127_000008_invitations::Migration
            .down(&manager)
            .await
            .expect_err("invitations cannot be reverted");
        assert!(refused.to_string().contains("invitations"), "{refused}");

        for table in [
            "attendance_sheets",
            "attendance_lines",
            "attendance_corrections",
            "attendance_documents",
            "calendar_invitations",
            "session_reminders",
            "calendar_feeds",
        ] {
            assert!(manager.has_table(table).await.unwrap(), "{table} is kept");
        }
        assert!(
            manager
                .has_column("mail_outbox", "person_id")
                .await
                .unwrap()
        );
    }
}
