//! Who keeps people's files (issue 17): a `version` on each youth's file, raised by every save,
//! so that a form filled from an older version is refused instead of silently overwriting a
//! colleague's save; and who added each guest facilitator (`added_by`), who may keep them while
//! they run no session yet. Existing facilitators get their adder from the audit log.

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
                    .table(Youths::Table)
                    .add_column(integer(Youths::Version).default(0))
                    .to_owned(),
            )
            .await?;
        // A person id, without a foreign key: SQLite cannot add one to an existing table, and
        // nobody is ever deleted from `people`.
        manager
            .alter_table(
                Table::alter()
                    .table(Facilitators::Table)
                    .add_column(integer_null(Facilitators::AddedBy))
                    .to_owned(),
            )
            .await?;
        let first_adder = Query::select()
            .column(AuditEvents::ActorId)
            .from(AuditEvents::Table)
            .and_where(Expr::col(AuditEvents::Action).eq("facilitator_created"))
            .and_where(
                Expr::col((AuditEvents::Table, AuditEvents::SubjectId))
                    .equals((Facilitators::Table, Facilitators::PersonId)),
            )
            .order_by(AuditEvents::Id, Order::Asc)
            .limit(1)
            .to_owned();
        manager
            .exec_stmt(
                Query::update()
                    .table(Facilitators::Table)
                    .value(
                        Facilitators::AddedBy,
                        Expr::SubQuery(None, Box::new(first_adder.into_sub_query_statement())),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Facilitators::Table)
                    .drop_column(Facilitators::AddedBy)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Youths::Table)
                    .drop_column(Youths::Version)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Youths {
    Table,
    Version,
}

#[derive(DeriveIden)]
enum Facilitators {
    Table,
    PersonId,
    AddedBy,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    ActorId,
    Action,
    SubjectId,
}
