//! Secrets of the deployment itself (issue 17): random keys the server makes on its first start
//! and every instance reads, so operators have nothing to set. The first one signs the errors a
//! refused form carries back to its page (`form_errors`), so that a page shows only errors
//! Ateliers wrote.

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
                    .table(ServerKeys::Table)
                    // What the key is for: `form_errors`. One key per purpose.
                    .col(string(ServerKeys::Name).primary_key())
                    // 256 random bits, base64url.
                    .col(string(ServerKeys::Secret))
                    .col(timestamp_with_time_zone(ServerKeys::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Nothing is lost: the next start makes new keys (errors signed a moment before stop
        // being shown, nothing else).
        manager
            .drop_table(Table::drop().table(ServerKeys::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ServerKeys {
    Table,
    Name,
    Secret,
    CreatedAt,
}
