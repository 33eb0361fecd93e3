//! The mail outbox: every email is written here in the same transaction as the change that
//! causes it, then delivered by the dispatcher. Nothing is sent from inside a request.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .col(pk_auto(MailOutbox::Id))
                    // The Message-ID header, fixed when the row is written: a retry sends the
                    // very same message.
                    .col(string_uniq(MailOutbox::MessageId))
                    .col(string(MailOutbox::EnvelopeFrom))
                    // Recipients, comma-separated (one per message in practice).
                    .col(text(MailOutbox::EnvelopeTo))
                    .col(string(MailOutbox::Subject))
                    // The whole RFC 5322 message as it will be sent.
                    .col(text(MailOutbox::Content))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                    // A dispatcher owns the row until then; a crashed one's claim expires.
                    .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    // Set aside for a person to look at (permanent failure or too many tries).
                    .col(timestamp_with_time_zone_null(MailOutbox::FailedAt))
                    .col(text_null(MailOutbox::LastError))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_mail_outbox_due")
                    .table(MailOutbox::Table)
                    .col(MailOutbox::SentAt)
                    .col(MailOutbox::FailedAt)
                    .col(MailOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(MailOutbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    MessageId,
    EnvelopeFrom,
    EnvelopeTo,
    Subject,
    Content,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
}
