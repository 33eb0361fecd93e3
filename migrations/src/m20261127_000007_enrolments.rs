//! Enrolment (issue 5): one row per youth and session (`enrolments`, unique on the pair: one
//! place per youth per session, whatever the retries), the history of every change
//! (`enrolment_events`, also the domain events the invitations read), and on each session its
//! cut-offs and a `roster_version` that every change of places bumps first: on PostgreSQL that
//! update locks the session's row, on SQLite it takes the write lock, so that the capacity check
//! and the write are one atomic step on both.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one new column per ALTER TABLE.
        for column in [
            integer(WorkshopSessions::CancellationClosesMinutesBefore)
                .default(120)
                .to_owned(),
            integer(WorkshopSessions::PromotionStopsMinutesBefore)
                .default(24 * 60)
                .to_owned(),
            big_integer(WorkshopSessions::RosterVersion)
                .default(0)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(WorkshopSessions::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Enrolments::Table)
                    .col(pk_auto(Enrolments::Id))
                    .col(integer(Enrolments::SessionId))
                    .col(integer(Enrolments::YouthId))
                    // A `domain::EnrolmentStatus` code.
                    .col(string(Enrolments::Status))
                    // First come, first served: the order the requests were serialised in.
                    .col(big_integer(Enrolments::Ticket))
                    // A `domain::EnrolmentMethod` code: how the current place was asked for.
                    .col(string(Enrolments::Method))
                    .col(integer_null(Enrolments::EnrolledBy))
                    .col(timestamp_with_time_zone(Enrolments::RequestedAt))
                    .col(timestamp_with_time_zone_null(Enrolments::RegisteredAt))
                    .col(timestamp_with_time_zone_null(Enrolments::EndedAt))
                    .col(text_null(Enrolments::EndedReason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrolments::Table, Enrolments::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrolments::Table, Enrolments::YouthId)
                            .to(Youths::Table, Youths::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Enrolments::Table, Enrolments::EnrolledBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enrolments_one_per_youth")
                    .table(Enrolments::Table)
                    .col(Enrolments::SessionId)
                    .col(Enrolments::YouthId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enrolments_youth")
                    .table(Enrolments::Table)
                    .col(Enrolments::YouthId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EnrolmentEvents::Table)
                    .col(pk_auto(EnrolmentEvents::Id))
                    .col(integer(EnrolmentEvents::EnrolmentId))
                    .col(integer(EnrolmentEvents::SessionId))
                    .col(integer(EnrolmentEvents::YouthId))
                    .col(timestamp_with_time_zone(EnrolmentEvents::At))
                    // Who acted: the youth, a counsellor, or nobody (an automatic promotion).
                    .col(integer_null(EnrolmentEvents::ActorId))
                    // `domain::EnrolmentEventKind` and `domain::EnrolmentMethod` codes.
                    .col(string(EnrolmentEvents::Kind))
                    .col(string(EnrolmentEvents::Method))
                    // The position on the waiting list, for `waitlisted`.
                    .col(integer_null(EnrolmentEvents::Position))
                    .col(text_null(EnrolmentEvents::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EnrolmentEvents::Table, EnrolmentEvents::EnrolmentId)
                            .to(Enrolments::Table, Enrolments::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EnrolmentEvents::Table, EnrolmentEvents::ActorId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_enrolment_events_session")
                    .table(EnrolmentEvents::Table)
                    .col(EnrolmentEvents::SessionId)
                    .col(EnrolmentEvents::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "m20261127_000007_enrolments cannot be reverted without losing enrolments".into(),
        ))
    }
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    PersonId,
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    Id,
    CancellationClosesMinutesBefore,
    PromotionStopsMinutesBefore,
    RosterVersion,
}

#[derive(DeriveIden)]
enum Enrolments {
    Table,
    Id,
    SessionId,
    YouthId,
    Status,
    Ticket,
    Method,
    EnrolledBy,
    RequestedAt,
    RegisteredAt,
    EndedAt,
    EndedReason,
}

#[derive(DeriveIden)]
enum EnrolmentEvents {
    Table,
    Id,
    EnrolmentId,
    SessionId,
    YouthId,
    At,
    ActorId,
    Kind,
    Method,
    Position,
    Reason,
}
