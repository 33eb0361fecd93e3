//! Half-day attendance (issue 21, item 1): the European Social Fund's controllers want each
//! participant and the facilitator to sign per half-day. A session through lunch (or longer
//! than four hours) has two half-days (`shared::domain::half_days`):
//! - `attendance_lines.half_day` (0 for the first or only one, 1 for the afternoon): a youth has
//!   a line per half-day, unique per session, youth and half-day;
//! - `attendance_corrections.half_day`: which half-day a correction changed;
//! - `attendance_half_day_closings`: the facilitator's signature closing a half-day that is not
//!   the session's last (the morning of a full day). The last half-day's closing is the sheet's
//!   own (`attendance_sheets.closed_*`), as for a session of one half-day, unchanged.
//!
//! Existing lines and corrections are the first half-day's, as they were signed.

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
            .alter_table(
                Table::alter()
                    .table(AttendanceLines::Table)
                    .add_column(small_integer(AttendanceLines::HalfDay).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_attendance_lines_one_per_youth")
                    .table(AttendanceLines::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attendance_lines_one_per_youth_and_half_day")
                    .table(AttendanceLines::Table)
                    .col(AttendanceLines::SessionId)
                    .col(AttendanceLines::YouthId)
                    .col(AttendanceLines::HalfDay)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AttendanceCorrections::Table)
                    .add_column(small_integer(AttendanceCorrections::HalfDay).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AttendanceHalfDayClosings::Table)
                    .col(pk_auto(AttendanceHalfDayClosings::Id))
                    .col(integer(AttendanceHalfDayClosings::SessionId))
                    .col(small_integer(AttendanceHalfDayClosings::HalfDay))
                    .col(integer(AttendanceHalfDayClosings::ClosedBy))
                    .col(timestamp_with_time_zone(
                        AttendanceHalfDayClosings::ClosedAt,
                    ))
                    // The closer's signature, as `SignatureStrokes` text.
                    .col(text(AttendanceHalfDayClosings::Signature))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                AttendanceHalfDayClosings::Table,
                                AttendanceHalfDayClosings::SessionId,
                            )
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                AttendanceHalfDayClosings::Table,
                                AttendanceHalfDayClosings::ClosedBy,
                            )
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attendance_half_day_closings_once")
                    .table(AttendanceHalfDayClosings::Table)
                    .col(AttendanceHalfDayClosings::SessionId)
                    .col(AttendanceHalfDayClosings::HalfDay)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Going back would merge the afternoon's signatures into the morning's lines: the
        // signed evidence would be lost.
        Err(DbErr::Migration(
            "m20261206_000022_half_day_attendance cannot be reverted without losing the \
             afternoon signatures"
                .into(),
        ))
    }
}

#[derive(DeriveIden)]
enum AttendanceLines {
    Table,
    SessionId,
    YouthId,
    HalfDay,
}

#[derive(DeriveIden)]
enum AttendanceCorrections {
    Table,
    HalfDay,
}

#[derive(DeriveIden)]
enum AttendanceHalfDayClosings {
    Table,
    Id,
    SessionId,
    HalfDay,
    ClosedBy,
    ClosedAt,
    Signature,
}

#[derive(DeriveIden)]
enum WorkshopSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}
