//! Reads of a youth's sensitive flags (issue 21): each time someone is shown whether a youth has
//! a recognised disability or is under judicial supervision (GDPR art. 9 and 10 data), who and
//! when, so that the referent can see who needed to know. Appended, never updated.

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
                    .table(SensitiveFlagReads::Table)
                    .col(pk_auto(SensitiveFlagReads::Id))
                    .col(integer(SensitiveFlagReads::YouthId))
                    .col(integer(SensitiveFlagReads::ReaderId))
                    // Which flags were shown: `disability`, `judicial_supervision`, or both
                    // separated by a comma.
                    .col(string_len(SensitiveFlagReads::Flags, 64))
                    .col(timestamp_with_time_zone(SensitiveFlagReads::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SensitiveFlagReads::Table, SensitiveFlagReads::YouthId)
                            .to(Youths::Table, Youths::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SensitiveFlagReads::Table, SensitiveFlagReads::ReaderId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sensitive_flag_reads_youth")
                    .table(SensitiveFlagReads::Table)
                    .col(SensitiveFlagReads::YouthId)
                    .col(SensitiveFlagReads::ReadAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SensitiveFlagReads::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SensitiveFlagReads {
    Table,
    Id,
    YouthId,
    ReaderId,
    Flags,
    ReadAt,
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    PersonId,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}
