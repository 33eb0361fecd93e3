//! Secrets at rest (issue 17): calendar feed tokens were stored in clear; they are now stored
//! as their SHA-256 (hex, like sign-in links and sessions), in `calendar_feeds.token_hash`. The
//! existing tokens are hashed here, so every subscribed calendar keeps working. Mail already
//! sent that was about no session (sign-in, welcome and password links, referent alerts) may
//! hold a link's token in its body: those bodies are emptied (the rows stay). From now on the
//! dispatcher cuts the secret links from each message it delivers.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let select = Query::select()
            .columns([CalendarFeeds::Id, CalendarFeeds::Token])
            .from(CalendarFeeds::Table)
            .to_owned();
        let rows = db.query_all(&select).await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let token: String = row.try_get("", "token")?;
            let update = Query::update()
                .table(CalendarFeeds::Table)
                .value(CalendarFeeds::Token, hash_token(&token))
                .and_where(Expr::col(CalendarFeeds::Id).eq(id))
                .to_owned();
            db.execute(&update).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(CalendarFeeds::Table)
                    .rename_column(CalendarFeeds::Token, CalendarFeeds::TokenHash)
                    .to_owned(),
            )
            .await?;

        let purge = Query::update()
            .table(MailOutbox::Table)
            .value(MailOutbox::Content, "")
            .and_where(Expr::col(MailOutbox::SentAt).is_not_null())
            .and_where(Expr::col(MailOutbox::SessionId).is_null())
            .to_owned();
        db.execute(&purge).await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // A hash cannot give the token back: going back would break every subscribed calendar.
        Err(DbErr::Migration(
            "m20261204_000014_secrets_at_rest cannot be reverted: the calendar feed tokens are \
             stored only as hashes"
                .into(),
        ))
    }
}

/// SHA-256, hex: the same as `shared::auth::hash_token`.
fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    Id,
    Token,
    TokenHash,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Content,
    SentAt,
    SessionId,
}
