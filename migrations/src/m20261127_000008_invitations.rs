//! Invitations (issue 6): what was last sent to each person about each session
//! (`calendar_invitations`: the UID they hold, the SEQUENCE and DTSTAMP last sent, whether their
//! copy is cancelled), the reminders already queued (`session_reminders`, unique: one per youth,
//! session and delay, whatever the number of server instances), the private calendar feeds
//! (`calendar_feeds`) and, on the outbox, whom a message is for, so that a counsellor can find
//! and resend a message that could not be delivered.

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
                    .table(CalendarInvitations::Table)
                    .col(pk_auto(CalendarInvitations::Id))
                    .col(integer(CalendarInvitations::SessionId))
                    .col(integer(CalendarInvitations::PersonId))
                    // Fixed at the first invitation: updates and cancellations reuse it.
                    .col(string(CalendarInvitations::Uid))
                    // youth, facilitator or counsellor.
                    .col(string(CalendarInvitations::Role))
                    // The SEQUENCE and DTSTAMP last sent: they never go down.
                    .col(integer(CalendarInvitations::Sequence))
                    .col(timestamp_with_time_zone(CalendarInvitations::Dtstamp))
                    // The session's own sequence this person's copy reflects.
                    .col(integer(CalendarInvitations::SessionSequence))
                    // Their copy was cancelled (they left, or the session was cancelled).
                    .col(boolean(CalendarInvitations::Cancelled))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarInvitations::Table, CalendarInvitations::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarInvitations::Table, CalendarInvitations::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_invitations_one_per_person")
                    .table(CalendarInvitations::Table)
                    .col(CalendarInvitations::SessionId)
                    .col(CalendarInvitations::PersonId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SessionReminders::Table)
                    .col(pk_auto(SessionReminders::Id))
                    .col(integer(SessionReminders::SessionId))
                    .col(integer(SessionReminders::YouthId))
                    // How long before the start this reminder is (e.g. 2880 for 48 hours).
                    .col(integer(SessionReminders::MinutesBefore))
                    .col(timestamp_with_time_zone(SessionReminders::QueuedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionReminders::Table, SessionReminders::SessionId)
                            .to(WorkshopSessions::Table, WorkshopSessions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SessionReminders::Table, SessionReminders::YouthId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_reminders_once")
                    .table(SessionReminders::Table)
                    .col(SessionReminders::SessionId)
                    .col(SessionReminders::YouthId)
                    .col(SessionReminders::MinutesBefore)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(pk_auto(CalendarFeeds::Id))
                    .col(integer(CalendarFeeds::PersonId))
                    // The secret in the feed's URL. Kept readable (unlike sign-in tokens) so
                    // that the person can copy their address again; it only reads their agenda.
                    .col(string_uniq(CalendarFeeds::Token))
                    .col(timestamp_with_time_zone(CalendarFeeds::CreatedAt))
                    .col(timestamp_with_time_zone_null(CalendarFeeds::RevokedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarFeeds::Table, CalendarFeeds::PersonId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_calendar_feeds_person")
                    .table(CalendarFeeds::Table)
                    .col(CalendarFeeds::PersonId)
                    .to_owned(),
            )
            .await?;

        // SQLite takes one new column per ALTER TABLE.
        for column in [
            integer_null(MailOutbox::PersonId).to_owned(),
            integer_null(MailOutbox::SessionId).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(MailOutbox::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_outbox_failed")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::FailedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Going back would drop what each person was sent (the invitations' UIDs and
        // sequences), the reminders already queued and the calendar feeds: not offered.
        Err(DbErr::Migration(
            "m20261127_000008_invitations cannot be reverted without losing the invitations \
             sent, the reminders and the calendar feeds"
                .into(),
        ))
    }
}

#[derive(DeriveIden)]
enum CalendarInvitations {
    Table,
    Id,
    SessionId,
    PersonId,
    Uid,
    Role,
    Sequence,
    Dtstamp,
    SessionSequence,
    Cancelled,
}

#[derive(DeriveIden)]
enum SessionReminders {
    Table,
    Id,
    SessionId,
    YouthId,
    MinutesBefore,
    QueuedAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    Id,
    PersonId,
    Token,
    CreatedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    PersonId,
    SessionId,
    FailedAt,
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
