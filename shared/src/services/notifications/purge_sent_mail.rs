use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::entities::mail_outbox::{Column, Entity};

/// How long a sent mail's body is kept when `MAIL_RETENTION_DAYS` is not set.
pub const DEFAULT_MAIL_RETENTION_DAYS: u32 = crate::domain::DEFAULT_MESSAGE_BODY_DAYS;

/// Empties the body of every message sent more than `retention_days` days before `now` (0: keep
/// them). The row stays, with whom it went to, its subject, Message-ID and when it was sent: the
/// evidence, and what reminders and alerts refer to. Mail not sent yet, or set aside, keeps its
/// body (a resend needs it). Returns how many bodies were emptied.
pub async fn purge_sent_mail(
    db: &impl ConnectionTrait,
    retention_days: u32,
    now: DateTime<Utc>,
) -> Result<u64, ServiceError> {
    if retention_days == 0 {
        return Ok(0);
    }
    let purged = Entity::update_many()
        .col_expr(Column::Content, Expr::value(""))
        .filter(Column::SentAt.lt(now - Duration::days(i64::from(retention_days))))
        .filter(Column::Content.ne(""))
        .exec(db)
        .await?;
    Ok(purged.rows_affected)
}
