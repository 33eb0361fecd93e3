//! SMS (issue 20): the outbox every SMS is queued in, in the same transaction as the change
//! that causes it (as for mail), the gateway's message ids and their receipts, the one-time
//! sign-in codes (hashed), and on each person's file how they want to hear from us and whether
//! they answered STOP.

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
                    .table(SmsOutbox::Table)
                    .col(pk_auto(SmsOutbox::Id))
                    // Whom and what it is about, when known: a counsellor finds an SMS that
                    // could not be delivered by them; the cost is counted per Mission Locale.
                    .col(integer_null(SmsOutbox::PersonId))
                    .col(integer_null(SmsOutbox::SessionId))
                    .col(integer_null(SmsOutbox::MissionLocaleId))
                    // Why it was sent (`registered`, `reminder`, `sign_in_code`...).
                    .col(string(SmsOutbox::Kind))
                    // E.164, a mobile.
                    .col(string(SmsOutbox::ToNumber))
                    // The text as sent; a sign-in code is masked once the SMS is sent.
                    .col(text(SmsOutbox::Body))
                    .col(string(SmsOutbox::Encoding))
                    .col(integer(SmsOutbox::Segments))
                    .col(timestamp_with_time_zone(SmsOutbox::CreatedAt))
                    .col(integer(SmsOutbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(SmsOutbox::NextAttemptAt))
                    // A dispatcher owns the row until then; a crashed one's claim expires.
                    .col(timestamp_with_time_zone_null(SmsOutbox::ClaimedUntil))
                    // The gateway accepted every segment.
                    .col(timestamp_with_time_zone_null(SmsOutbox::SentAt))
                    // Set aside for a person to look at (permanent refusal or too many tries).
                    .col(timestamp_with_time_zone_null(SmsOutbox::FailedAt))
                    .col(text_null(SmsOutbox::LastError))
                    // The last delivery receipt: when, and whether it reached the phone.
                    .col(timestamp_with_time_zone_null(SmsOutbox::ReceiptAt))
                    .col(string_null(SmsOutbox::ReceiptState))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sms_outbox_due")
                    .table(SmsOutbox::Table)
                    .col(SmsOutbox::SentAt)
                    .col(SmsOutbox::FailedAt)
                    .col(SmsOutbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SmsGatewayIds::Table)
                    // The gateway's `message_id` of one segment, as its receipts name it.
                    .col(string(SmsGatewayIds::GatewayMessageId).primary_key())
                    .col(integer(SmsGatewayIds::SmsId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sms_gateway_ids_sms")
                    .table(SmsGatewayIds::Table)
                    .col(SmsGatewayIds::SmsId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SmsSignInCodes::Table)
                    .col(pk_auto(SmsSignInCodes::Id))
                    // The number it was sent to (E.164): a code signs in only with it.
                    .col(string(SmsSignInCodes::Phone))
                    // SHA-256 of the code and the number; the code itself is never kept.
                    .col(string(SmsSignInCodes::CodeHash))
                    .col(timestamp_with_time_zone(SmsSignInCodes::CreatedAt))
                    .col(timestamp_with_time_zone(SmsSignInCodes::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SmsSignInCodes::UsedAt))
                    // Wrong codes typed against it: a few, then it is dead.
                    .col(integer(SmsSignInCodes::FailedTries).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_sms_sign_in_codes_phone")
                    .table(SmsSignInCodes::Table)
                    .col(SmsSignInCodes::Phone)
                    .to_owned(),
            )
            .await?;
        for column in [
            // `email`, `sms` or `both`; none: whatever they have.
            ColumnDef::new(People::NoticeChannel)
                .string()
                .null()
                .to_owned(),
            // They answered STOP: no SMS any more.
            ColumnDef::new(People::SmsStoppedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(People::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_people_phone")
                    .table(People::Table)
                    .col(People::Phone)
                    .to_owned(),
            )
            .await?;
        // Overseas numbers were stored with the mainland's code; they are reached through
        // their department's (`0690…` is `+590 690…`).
        let db = manager.get_connection();
        for (prefix, country) in [
            ("590", "590"),
            ("690", "590"),
            ("691", "590"),
            ("594", "594"),
            ("694", "594"),
            ("596", "596"),
            ("696", "596"),
            ("697", "596"),
            ("262", "262"),
            ("263", "262"),
            ("692", "262"),
            ("693", "262"),
            ("269", "262"),
            ("639", "262"),
            ("508", "508"),
            ("708", "508"),
        ] {
            db.execute_unprepared(&format!(
                "UPDATE people SET phone = '+{country}' || substr(phone, 4) \
                 WHERE phone LIKE '+33{prefix}%'"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "SMS cannot be reverted: the outbox holds messages not yet sent".into(),
        ))
    }
}

#[derive(DeriveIden)]
enum SmsOutbox {
    Table,
    Id,
    PersonId,
    SessionId,
    MissionLocaleId,
    Kind,
    ToNumber,
    Body,
    Encoding,
    Segments,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    SentAt,
    FailedAt,
    LastError,
    ReceiptAt,
    ReceiptState,
}

#[derive(DeriveIden)]
enum SmsGatewayIds {
    Table,
    GatewayMessageId,
    SmsId,
}

#[derive(DeriveIden)]
enum SmsSignInCodes {
    Table,
    Id,
    Phone,
    CodeHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
    FailedTries,
}

#[derive(DeriveIden)]
enum People {
    Table,
    Phone,
    NoticeChannel,
    SmsStoppedAt,
}
