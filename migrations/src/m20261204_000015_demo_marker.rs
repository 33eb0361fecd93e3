//! A durable mark that the demo was loaded (issue 17): the demo's accounts have a published
//! password, so `ateliers serve` loads the demo only into a fresh database, serves a demo
//! database only as the demo, and `create-coordinator` never opens a real account in one. The
//! row is written by `load_demo_data`, in the transaction that loads the demo.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(DemoMarker::Table)
                    .col(pk_auto(DemoMarker::Id))
                    .col(timestamp_with_time_zone(DemoMarker::LoadedAt))
                    .to_owned(),
            )
            .await?;
        // Databases the demo filled before this mark existed (a developer's `make run`): people,
        // and every address of the `.example` domain the demo uses, which never receives mail.
        // A real federation has at least one real address, so it is never taken for the demo.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO demo_marker (loaded_at) SELECT CURRENT_TIMESTAMP \
                 WHERE EXISTS (SELECT 1 FROM people) \
                 AND NOT EXISTS (SELECT 1 FROM people \
                   WHERE email IS NOT NULL AND email NOT LIKE '%.example')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(DemoMarker::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum DemoMarker {
    Table,
    Id,
    LoadedAt,
}
