//! No-contact alerts (issue 7): the youths named in the mail sent to their referent when they
//! have had no contact (no workshop session attended) for a number of weeks. One row per gap,
//! unique on the youth and the day the gap started (their last contact, or their entry into the
//! programme): several workers name each gap once, and a new contact starts a new gap that may
//! alert again. A referent gets one mail per pass listing all their youths newly due, so the rows
//! of one pass and referent share its `mail_id`.

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
                    .table(NoContactAlerts::Table)
                    .col(pk_auto(NoContactAlerts::Id))
                    .col(integer(NoContactAlerts::YouthId))
                    // The last contact (Paris date of the session's start), or the entry date.
                    .col(date(NoContactAlerts::LastContactOn))
                    // The threshold in force when the alert went (`NO_CONTACT_ALERT_WEEKS`).
                    .col(integer(NoContactAlerts::Weeks))
                    // The message queued to the referent, in the same transaction; it may name
                    // other youths of theirs too.
                    .col(integer(NoContactAlerts::MailId))
                    .col(timestamp_with_time_zone(NoContactAlerts::QueuedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(NoContactAlerts::Table, NoContactAlerts::YouthId)
                            .to(Youths::Table, Youths::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(NoContactAlerts::Table, NoContactAlerts::MailId)
                            .to(MailOutbox::Table, MailOutbox::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_no_contact_alerts_once")
                    .table(NoContactAlerts::Table)
                    .col(NoContactAlerts::YouthId)
                    .col(NoContactAlerts::LastContactOn)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(NoContactAlerts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum NoContactAlerts {
    Table,
    Id,
    YouthId,
    LastContactOn,
    Weeks,
    MailId,
    QueuedAt,
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    PersonId,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
}
