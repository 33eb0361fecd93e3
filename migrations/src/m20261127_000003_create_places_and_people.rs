//! Places (sites and rooms of the Missions Locales) and people. Everyone who can be reached or
//! sign in is one row of `people` (one email, one identity, enforced by the database); what a
//! person is in the programme lives in a profile table beside it.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Sites::Table)
                    .col(pk_auto(Sites::Id))
                    .col(integer(Sites::MissionLocaleId))
                    .col(string(Sites::Name))
                    .col(string(Sites::Address))
                    .col(text(Sites::OpeningHours))
                    .col(boolean(Sites::StepFreeAccess))
                    .col(boolean(Sites::Lift))
                    .col(boolean(Sites::HearingLoop))
                    .col(text(Sites::AccessibilityNotes))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sites::Table, Sites::MissionLocaleId)
                            .to(MissionsLocales::Table, MissionsLocales::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rooms::Table)
                    .col(pk_auto(Rooms::Id))
                    .col(integer(Rooms::SiteId))
                    .col(string(Rooms::Name))
                    .col(integer(Rooms::Capacity))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rooms::Table, Rooms::SiteId)
                            .to(Sites::Table, Sites::Id),
                    )
                    .check(Expr::col(Rooms::Capacity).gt(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(People::Table)
                    .col(pk_auto(People::Id))
                    .col(string(People::FirstName))
                    .col(string(People::LastName))
                    // Lower-cased domain, unique across every kind of person: one sign-in identity.
                    .col(string_null(People::Email).unique_key())
                    // International form, +33...
                    .col(string_null(People::Phone))
                    .col(timestamp_with_time_zone(People::CreatedAt))
                    // Archived people keep their history (attendance evidence) but no longer act.
                    .col(timestamp_with_time_zone_null(People::ArchivedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffMembers::Table)
                    .col(integer(StaffMembers::PersonId).primary_key())
                    // `coordinator` (the federation) or `counsellor` (one Mission Locale).
                    .col(string(StaffMembers::Role))
                    .col(integer_null(StaffMembers::MissionLocaleId))
                    .col(boolean(StaffMembers::DisabilitySpecialist))
                    .col(boolean(StaffMembers::JusticeSpecialist))
                    .col(string_null(StaffMembers::PasswordHash))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffMembers::Table, StaffMembers::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StaffMembers::Table, StaffMembers::MissionLocaleId)
                            .to(MissionsLocales::Table, MissionsLocales::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Youths::Table)
                    .col(integer(Youths::PersonId).primary_key())
                    .col(integer(Youths::ReferentId))
                    .col(date(Youths::DateOfBirth))
                    .col(string(Youths::Gender))
                    .col(date(Youths::ProgrammeEntryDate))
                    .col(date_null(Youths::ProgrammeExitDate))
                    .col(string_null(Youths::ExitOutcome))
                    // Sensitive (GDPR art. 9 and 10): read only through the access policy.
                    .col(boolean(Youths::DisabilityRecognised))
                    .col(boolean(Youths::JudicialSupervision))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Youths::Table, Youths::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Youths::Table, Youths::ReferentId)
                            .to(StaffMembers::Table, StaffMembers::PersonId),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Facilitators::Table)
                    .col(integer(Facilitators::PersonId).primary_key())
                    .col(string(Facilitators::Organisation))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Facilitators::Table, Facilitators::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Facilitators::Table.into_iden(),
            Youths::Table.into_iden(),
            StaffMembers::Table.into_iden(),
            People::Table.into_iden(),
            Rooms::Table.into_iden(),
            Sites::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum MissionsLocales {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
    MissionLocaleId,
    Name,
    Address,
    OpeningHours,
    StepFreeAccess,
    Lift,
    HearingLoop,
    AccessibilityNotes,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    SiteId,
    Name,
    Capacity,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
    FirstName,
    LastName,
    Email,
    Phone,
    CreatedAt,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum StaffMembers {
    Table,
    PersonId,
    Role,
    MissionLocaleId,
    DisabilitySpecialist,
    JusticeSpecialist,
    PasswordHash,
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    PersonId,
    ReferentId,
    DateOfBirth,
    Gender,
    ProgrammeEntryDate,
    ProgrammeExitDate,
    ExitOutcome,
    DisabilityRecognised,
    JudicialSupervision,
}

#[derive(DeriveIden)]
enum Facilitators {
    Table,
    PersonId,
    Organisation,
}
