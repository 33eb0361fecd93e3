//! Self check-in, seen from the network: the screen that shows a session's code records (hashed)
//! the network it is shown from, and each check-in records whether it came from another network
//! (a youth on mobile data, or someone who was sent the code and is not in the room). The
//! facilitator sees it on the roll-call and decides.
//!
//! Rate-limit buckets stop holding emails and addresses in clear (they are hashed now): the
//! rows left from before, at most an hour old and useless afterwards, are deleted.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AttendanceSheets::Table)
                    // SHA-256 of the network (IPv4 address, IPv6 /64) the code was last shown from.
                    .add_column(string_null(AttendanceSheets::ScreenNetwork))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AttendanceLines::Table)
                    .add_column(boolean(AttendanceLines::CheckedInElsewhere).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(RateLimitEvents::Table)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AttendanceLines::Table)
                    .drop_column(AttendanceLines::CheckedInElsewhere)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AttendanceSheets::Table)
                    .drop_column(AttendanceSheets::ScreenNetwork)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum AttendanceSheets {
    Table,
    ScreenNetwork,
}

#[derive(DeriveIden)]
enum AttendanceLines {
    Table,
    CheckedInElsewhere,
}

#[derive(DeriveIden)]
enum RateLimitEvents {
    Table,
}
