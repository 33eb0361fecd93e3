//! Individual contacts (issue 21): each interview in person, phone call, video call or message
//! between a counsellor and a youth, outside workshops. They count in the youth's path against
//! the one-to-two-contacts-a-month target, end a no-contact gap, and are counted by kind in the
//! figures of the Mission Locale that followed the youth (their referent's when recorded).

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
                    .table(IndividualContacts::Table)
                    .col(pk_auto(IndividualContacts::Id))
                    .col(integer(IndividualContacts::YouthId))
                    // The referent's Mission Locale when the contact was recorded: whose figures
                    // count it, even if the youth later moves.
                    .col(integer(IndividualContacts::MissionLocaleId))
                    // in_person, phone, video or message.
                    .col(string_len(IndividualContacts::Kind, 16))
                    // The Paris day it took place.
                    .col(date(IndividualContacts::HappenedOn))
                    .col(integer(IndividualContacts::Minutes))
                    // One line, no sensitive data (the form says so).
                    .col(string_len(IndividualContacts::Subject, 200))
                    .col(integer(IndividualContacts::RecordedBy))
                    .col(timestamp_with_time_zone(IndividualContacts::RecordedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(IndividualContacts::Table, IndividualContacts::YouthId)
                            .to(Youths::Table, Youths::PersonId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                IndividualContacts::Table,
                                IndividualContacts::MissionLocaleId,
                            )
                            .to(MissionsLocales::Table, MissionsLocales::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(IndividualContacts::Table, IndividualContacts::RecordedBy)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_individual_contacts_youth")
                    .table(IndividualContacts::Table)
                    .col(IndividualContacts::YouthId)
                    .col(IndividualContacts::HappenedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_individual_contacts_figures")
                    .table(IndividualContacts::Table)
                    .col(IndividualContacts::HappenedOn)
                    .col(IndividualContacts::MissionLocaleId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IndividualContacts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum IndividualContacts {
    Table,
    Id,
    YouthId,
    MissionLocaleId,
    Kind,
    HappenedOn,
    Minutes,
    Subject,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    PersonId,
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
