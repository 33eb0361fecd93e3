//! Retention (issue 21): what the daily minimisation did, and the holds that stop it.
//!
//! - `minimisations`: one row per youth whose personal data was minimised once their programme
//!   was over for long enough — unique on the youth, written in the transaction that minimised
//!   them, so that nobody is minimised twice nor half-way. It keeps what the figures still need
//!   and can no longer read from the emptied file: whether a phone and an email were on file.
//! - `retention_holds`: a coordinator suspends a youth's minimisation (a control by the funder, a
//!   dispute) with a reason; lifting it keeps the row, with who lifted it and when.

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
                    .table(Minimisations::Table)
                    .col(pk_auto(Minimisations::Id))
                    .col(integer(Minimisations::YouthId).unique_key())
                    .col(timestamp_with_time_zone(Minimisations::MinimisedAt))
                    // A phone, an email was on file: the contactability of the past periods
                    // stays as it was.
                    .col(boolean(Minimisations::HadPhone))
                    .col(boolean(Minimisations::HadEmail))
                    // What the names became (`P-000123`).
                    .col(string_len(Minimisations::Pseudonym, 32))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Minimisations::Table, Minimisations::YouthId)
                            .to(Youths::Table, Youths::PersonId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RetentionHolds::Table)
                    .col(pk_auto(RetentionHolds::Id))
                    .col(integer(RetentionHolds::YouthId))
                    .col(string_len(RetentionHolds::Reason, 300))
                    .col(integer(RetentionHolds::PlacedBy))
                    .col(timestamp_with_time_zone(RetentionHolds::PlacedAt))
                    .col(integer_null(RetentionHolds::LiftedBy))
                    .col(timestamp_with_time_zone_null(RetentionHolds::LiftedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RetentionHolds::Table, RetentionHolds::YouthId)
                            .to(Youths::Table, Youths::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RetentionHolds::Table, RetentionHolds::PlacedBy)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RetentionHolds::Table, RetentionHolds::LiftedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_retention_holds_youth")
                    .table(RetentionHolds::Table)
                    .col(RetentionHolds::YouthId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RetentionHolds::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Minimisations::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Minimisations {
    Table,
    Id,
    YouthId,
    MinimisedAt,
    HadPhone,
    HadEmail,
    Pseudonym,
}

#[derive(DeriveIden)]
enum RetentionHolds {
    Table,
    Id,
    YouthId,
    Reason,
    PlacedBy,
    PlacedAt,
    LiftedBy,
    LiftedAt,
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
