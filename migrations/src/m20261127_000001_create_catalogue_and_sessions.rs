//! The first slice of the schema: the Missions Locales, the workshop catalogue and dated
//! sessions. Later issues add sites, rooms, people and enrolments in their own migrations.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MissionsLocales::Table)
                    .col(pk_auto(MissionsLocales::Id))
                    .col(string_uniq(MissionsLocales::Name))
                    .col(string(MissionsLocales::City))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WorkshopTypes::Table)
                    .col(pk_auto(WorkshopTypes::Id))
                    .col(string_uniq(WorkshopTypes::Title))
                    // A readable code from a closed set (see `shared::domain::Theme`).
                    .col(string(WorkshopTypes::Theme))
                    .col(text(WorkshopTypes::Description))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WorkshopSessions::Table)
                    .col(pk_auto(WorkshopSessions::Id))
                    .col(integer(WorkshopSessions::WorkshopTypeId))
                    .col(integer(WorkshopSessions::MissionLocaleId))
                    // Instants in UTC; shown in Europe/Paris.
                    .col(timestamp_with_time_zone(WorkshopSessions::StartsAt))
                    .col(timestamp_with_time_zone(WorkshopSessions::EndsAt))
                    .col(string(WorkshopSessions::VenueName))
                    .col(string(WorkshopSessions::VenueAddress))
                    .col(integer(WorkshopSessions::Capacity))
                    .col(string(WorkshopSessions::Status))
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
                    .check(Expr::col(WorkshopSessions::Capacity).gt(0))
                    .check(
                        Expr::col(WorkshopSessions::EndsAt)
                            .gt(Expr::col(WorkshopSessions::StartsAt)),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_workshop_sessions_starts_at")
                    .table(WorkshopSessions::Table)
                    .col(WorkshopSessions::StartsAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WorkshopSessions::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(WorkshopTypes::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(MissionsLocales::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum MissionsLocales {
    Table,
    Id,
    Name,
    City,
}

#[derive(DeriveIden)]
enum WorkshopTypes {
    Table,
    Id,
    Title,
    Theme,
    Description,
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    Id,
    WorkshopTypeId,
    MissionLocaleId,
    StartsAt,
    EndsAt,
    VenueName,
    VenueAddress,
    Capacity,
    Status,
}
