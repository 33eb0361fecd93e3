//! Indexes for a national-scale database (issue 22, goal 5): each one is justified by a query
//! plan on the generated France-wide year (`server/benches/national_scale.rs`), quoted in
//! `docs/benchmarks.md` section 5.
//!
//! - `idx_workshop_sessions_mission_locale_starts_at`: one Mission Locale's sessions in a
//!   period (the agenda's month, the funder's export for a year, a counsellor's home). With
//!   `starts_at` alone, PostgreSQL reads every Mission Locale's sessions of the period and
//!   throws away 429 in 430.
//! - `idx_youths_referent`: a counsellor's youths (their home, the youths list, the
//!   coordinator's home once per Mission Locale, the no-contact alerts): a foreign key without an
//!   index, so a scan of every youth of France.
//! - `idx_attendance_lines_youth`: a youth's attendance (their file, their archive, the
//!   no-contact alerts, erasure): otherwise a scan of every attendance line.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in names() {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// The indexes this migration creates: also what the national-scale benchmark drops and creates
/// again to measure before and after them.
pub fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        Index::create()
            .name("idx_workshop_sessions_mission_locale_starts_at")
            .table(WorkshopSessions::Table)
            .col(WorkshopSessions::MissionLocaleId)
            .col(WorkshopSessions::StartsAt)
            .to_owned(),
        Index::create()
            .name("idx_youths_referent")
            .table(Youths::Table)
            .col(Youths::ReferentId)
            .to_owned(),
        Index::create()
            .name("idx_attendance_lines_youth")
            .table(AttendanceLines::Table)
            .col(AttendanceLines::YouthId)
            .to_owned(),
    ]
}

/// Each index's name and table.
pub fn names() -> Vec<(&'static str, DynIden)> {
    vec![
        (
            "idx_workshop_sessions_mission_locale_starts_at",
            WorkshopSessions::Table.into_iden(),
        ),
        ("idx_youths_referent", Youths::Table.into_iden()),
        (
            "idx_attendance_lines_youth",
            AttendanceLines::Table.into_iden(),
        ),
    ]
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    MissionLocaleId,
    StartsAt,
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    ReferentId,
}

#[derive(DeriveIden)]
enum AttendanceLines {
    Table,
    YouthId,
}
