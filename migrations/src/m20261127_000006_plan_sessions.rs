//! Planning (issue 4): the catalogue gains what a youth needs to know (default duration and
//! capacity, what to bring, who it suits) and an archive mark; a session gains its place (a room
//! of a site, or an external venue), its series, its counsellors and guest facilitators, its
//! audience, its enrolment window, a note for youths and the history of its changes. Sites get
//! closing days, which planning warns about.
//!
//! `workshop_sessions` is rebuilt rather than altered: SQLite cannot add foreign keys to an
//! existing table. Every existing row is copied, with its id.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on SQLite too: the rebuild of `workshop_sessions` is all or nothing, and
    /// every statement runs on one connection (from the pool, a connection still reading the old
    /// schema once saw the dropped index and refused to create it again).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one new column per ALTER TABLE.
        for column in [
            integer(WorkshopTypes::DefaultDurationMinutes)
                .default(120)
                .to_owned(),
            integer(WorkshopTypes::DefaultCapacity)
                .default(12)
                .to_owned(),
            text(WorkshopTypes::WhatToBring).default("").to_owned(),
            text(WorkshopTypes::Suits).default("").to_owned(),
            timestamp_with_time_zone_null(WorkshopTypes::ArchivedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(WorkshopTypes::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(WorkshopSeries::Table)
                    .col(pk_auto(WorkshopSeries::Id))
                    .col(date(WorkshopSeries::FirstDay))
                    .col(integer(WorkshopSeries::EveryWeeks))
                    .col(integer(WorkshopSeries::Slots))
                    .col(integer_null(WorkshopSeries::CreatedBy))
                    .col(timestamp_with_time_zone(WorkshopSeries::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopSeries::Table, WorkshopSeries::CreatedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .drop_index(
                Index::drop()
                    .name("idx_workshop_sessions_starts_at")
                    .table(WorkshopSessions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .rename_table(
                Table::rename()
                    .table(WorkshopSessions::Table, OldWorkshopSessions::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(WorkshopSessions::Table)
                    .col(pk_auto(WorkshopSessions::Id))
                    .col(integer(WorkshopSessions::WorkshopTypeId))
                    // The organising Mission Locale.
                    .col(integer(WorkshopSessions::MissionLocaleId))
                    .col(integer_null(WorkshopSessions::SeriesId))
                    // Instants in UTC; shown in Europe/Paris.
                    .col(timestamp_with_time_zone(WorkshopSessions::StartsAt))
                    .col(timestamp_with_time_zone(WorkshopSessions::EndsAt))
                    // A room of a site, or else an external venue (name and address).
                    .col(integer_null(WorkshopSessions::RoomId))
                    .col(string(WorkshopSessions::VenueName).default(""))
                    .col(string(WorkshopSessions::VenueAddress).default(""))
                    .col(integer(WorkshopSessions::Capacity))
                    // A `domain::SessionStatus` code.
                    .col(string(WorkshopSessions::Status))
                    // A `domain::Audience` code; `counsellors` lists them in session_audience.
                    .col(string(WorkshopSessions::Audience).default("mission_locale"))
                    // Relative to the start, so that moving a session moves its window.
                    // Null: open as soon as the session is published.
                    .col(integer_null(WorkshopSessions::EnrolmentOpensDaysBefore))
                    .col(integer(WorkshopSessions::EnrolmentClosesMinutesBefore).default(120))
                    .col(text(WorkshopSessions::NoteForYouths).default(""))
                    // iCalendar SEQUENCE: grows with every change attendees must hear about.
                    .col(integer(WorkshopSessions::Sequence).default(0))
                    .col(text_null(WorkshopSessions::CancellationReason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopSessions::Table, WorkshopSessions::WorkshopTypeId)
                            .to(WorkshopTypes::Table, WorkshopTypes::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopSessions::Table, WorkshopSessions::MissionLocaleId)
                            .to(MissionsLocales::Table, MissionsLocales::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopSessions::Table, WorkshopSessions::SeriesId)
                            .to(WorkshopSeries::Table, WorkshopSeries::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(WorkshopSessions::Table, WorkshopSessions::RoomId)
                            .to(Rooms::Table, Rooms::Id),
                    )
                    .check(Expr::col(WorkshopSessions::Capacity).gt(0))
                    .check(
                        Expr::col(WorkshopSessions::EndsAt)
                            .gt(Expr::col(WorkshopSessions::StartsAt)),
                    )
                    .check(
                        Expr::col(WorkshopSessions::RoomId)
                            .is_not_null()
                            .or(Expr::col(WorkshopSessions::VenueName).ne("")),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO workshop_sessions (id, workshop_type_id, mission_locale_id, starts_at, \
                 ends_at, venue_name, venue_address, capacity, status) \
                 SELECT id, workshop_type_id, mission_locale_id, starts_at, ends_at, venue_name, \
                 venue_address, capacity, status FROM workshop_sessions_v1",
            )
            .await?;
        if manager.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            // Rows were copied with their ids: the next id must come after them.
            manager
                .get_connection()
                .execute_unprepared(
                    "SELECT setval(pg_get_serial_sequence('workshop_sessions', 'id'), \
                     COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM workshop_sessions",
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(OldWorkshopSessions::Table).to_owned())
            .await?;
        for (name, column) in [
            (
                "idx_workshop_sessions_starts_at",
                WorkshopSessions::StartsAt,
            ),
            ("idx_workshop_sessions_room", WorkshopSessions::RoomId),
            ("idx_workshop_sessions_series", WorkshopSessions::SeriesId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(WorkshopSessions::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }

        // Who runs a session (counsellors), who leads it with them (guest facilitators), and
        // whose youths may join when the audience is reserved to given counsellors.
        for (table, name) in [
            (SessionPeople::SessionCounsellors, "session_counsellors"),
            (SessionPeople::SessionFacilitators, "session_facilitators"),
            (SessionPeople::SessionAudience, "session_audience"),
        ] {
            manager
                .create_table(
                    Table::create()
                        .table(table.clone())
                        .col(integer(SessionPeople::SessionId))
                        .col(integer(SessionPeople::PersonId))
                        .primary_key(
                            Index::create()
                                .col(SessionPeople::SessionId)
                                .col(SessionPeople::PersonId),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(table.clone(), SessionPeople::SessionId)
                                .to(WorkshopSessions::Table, WorkshopSessions::Id),
                        )
                        .foreign_key(
                            ForeignKey::create()
                                .from(table.clone(), SessionPeople::PersonId)
                                .to(People::Table, People::Id),
                        )
                        .to_owned(),
                )
                .await?;
            manager
                .create_index(
                    Index::create()
                        .name(format!("idx_{name}_person"))
                        .table(table)
                        .col(SessionPeople::PersonId)
                        .to_owned(),
                )
                .await?;
        }

        // The history of a session, and the domain events the invitations turn into mail.
        manager
            .create_table(
                Table::create()
                    .table(SessionEvents::Table)
                    .col(pk_auto(SessionEvents::Id))
                    .col(integer(SessionEvents::SessionId))
                    .col(timestamp_with_time_zone(SessionEvents::At))
                    .col(integer_null(SessionEvents::ActorId))
                    // `scheduled`, `rescheduled`, `moved`, `facilitators_changed`, ...
                    .col(string(SessionEvents::Kind))
                    // What changed, in French, for the history shown on the session page.
                    .col(text(SessionEvents::Summary))
                    // The `domain::SessionChange`, as JSON, for the invitations.
                    .col(text(SessionEvents::Change))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionEvents::Table, SessionEvents::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionEvents::Table, SessionEvents::ActorId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_events_session")
                    .table(SessionEvents::Table)
                    .col(SessionEvents::SessionId)
                    .col(SessionEvents::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SiteClosures::Table)
                    .col(pk_auto(SiteClosures::Id))
                    .col(integer(SiteClosures::SiteId))
                    .col(date(SiteClosures::FirstDay))
                    .col(date(SiteClosures::LastDay))
                    .col(string(SiteClosures::Reason))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SiteClosures::Table, SiteClosures::SiteId)
                            .to(Sites::Table, Sites::Id),
                    )
                    .check(Expr::col(SiteClosures::LastDay).gte(Expr::col(SiteClosures::FirstDay)))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Going back would drop the planning of every session: not offered.
        Err(DbErr::Migration(
            "m20261127_000006_plan_sessions cannot be reverted without losing sessions".into(),
        ))
    }
}

#[derive(DeriveIden)]
enum MissionsLocales {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum WorkshopTypes {
    Table,
    Id,
    DefaultDurationMinutes,
    DefaultCapacity,
    WhatToBring,
    Suits,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum WorkshopSeries {
    Table,
    Id,
    FirstDay,
    EveryWeeks,
    Slots,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    Id,
    WorkshopTypeId,
    MissionLocaleId,
    SeriesId,
    StartsAt,
    EndsAt,
    RoomId,
    VenueName,
    VenueAddress,
    Capacity,
    Status,
    Audience,
    EnrolmentOpensDaysBefore,
    EnrolmentClosesMinutesBefore,
    NoteForYouths,
    Sequence,
    CancellationReason,
}

#[derive(DeriveIden)]
enum OldWorkshopSessions {
    #[sea_orm(iden = "workshop_sessions_v1")]
    Table,
}

#[derive(DeriveIden, Clone)]
enum SessionPeople {
    SessionCounsellors,
    SessionFacilitators,
    SessionAudience,
    SessionId,
    PersonId,
}

#[derive(DeriveIden)]
enum SessionEvents {
    Table,
    Id,
    SessionId,
    At,
    ActorId,
    Kind,
    Summary,
    Change,
}

#[derive(DeriveIden)]
enum SiteClosures {
    Table,
    Id,
    SiteId,
    FirstDay,
    LastDay,
    Reason,
}
