//! Reminders to close attendance sheets (issue 7): a session whose sheet is still open some time
//! after it ended is named once to each counsellor who runs it, in a mail listing all their
//! sessions newly due. One row per session and counsellor (unique), written in the transaction
//! that queues the mail: several workers name each session once, and the rows of one pass and
//! counsellor share its `mail_id`.

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
                    .table(SheetReminders::Table)
                    .col(pk_auto(SheetReminders::Id))
                    .col(integer(SheetReminders::SessionId))
                    .col(integer(SheetReminders::CounsellorId))
                    // The delay in force when the reminder went (`SHEET_REMINDER_HOURS`).
                    .col(integer(SheetReminders::DelayHours))
                    // The message queued to the counsellor, in the same transaction; it may name
                    // other sessions of theirs too.
                    .col(integer(SheetReminders::MailId))
                    .col(timestamp_with_time_zone(SheetReminders::QueuedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SheetReminders::Table, SheetReminders::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SheetReminders::Table, SheetReminders::CounsellorId)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SheetReminders::Table, SheetReminders::MailId)
                            .to(MailOutbox::Table, MailOutbox::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sheet_reminders_once")
                    .table(SheetReminders::Table)
                    .col(SheetReminders::SessionId)
                    .col(SheetReminders::CounsellorId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SheetReminders::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SheetReminders {
    Table,
    Id,
    SessionId,
    CounsellorId,
    DelayHours,
    MailId,
    QueuedAt,
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

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
}
