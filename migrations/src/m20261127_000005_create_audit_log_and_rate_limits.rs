//! What hardening needs: an audit log (who did what to whom, when), the events rate limits count
//! (in the database, so that every server instance sees the same counts), and a purpose on
//! emailed links so that a password-reset link cannot be used to sign in and vice versa.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvents::Table)
                    .col(pk_auto(AuditEvents::Id))
                    .col(timestamp_with_time_zone(AuditEvents::At))
                    // Null when nobody was signed in (a failed sign-in, a link request).
                    .col(integer_null(AuditEvents::ActorId))
                    // `sign_in`, `sign_in_failed`, `youth_created`, `youth_updated`...
                    .col(string(AuditEvents::Action))
                    // The person the action was about, when there is one.
                    .col(integer_null(AuditEvents::SubjectId))
                    // Human-readable: which fields changed (sensitive values are not copied).
                    .col(text(AuditEvents::Details))
                    .col(string_null(AuditEvents::IpAddress))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditEvents::Table, AuditEvents::ActorId)
                            .to(People::Table, People::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditEvents::Table, AuditEvents::SubjectId)
                            .to(People::Table, People::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_audit_events_subject")
                    .table(AuditEvents::Table)
                    .col(AuditEvents::SubjectId)
                    .col(AuditEvents::At)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RateLimitEvents::Table)
                    .col(pk_auto(RateLimitEvents::Id))
                    // `sign_in:ip:203.0.113.7`, `sign_in_link:email:ines@exemple.fr`...
                    .col(string(RateLimitEvents::Bucket))
                    .col(timestamp_with_time_zone(RateLimitEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rate_limit_events_bucket_at")
                    .table(RateLimitEvents::Table)
                    .col(RateLimitEvents::Bucket)
                    .col(RateLimitEvents::At)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SignInLinks::Table)
                    // `sign_in` or `password_reset`.
                    .add_column(string(SignInLinks::Purpose).default("sign_in"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SignInLinks::Table)
                    .drop_column(SignInLinks::Purpose)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(RateLimitEvents::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditEvents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum People {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AuditEvents {
    Table,
    Id,
    At,
    ActorId,
    Action,
    SubjectId,
    Details,
    IpAddress,
}

#[derive(DeriveIden)]
enum RateLimitEvents {
    Table,
    Id,
    Bucket,
    At,
}

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    Purpose,
}
