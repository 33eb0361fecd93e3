use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::Actor;
use crate::entities::mail_outbox::{self, Column, Entity};
use crate::services::access_guard::require;
use crate::services::enrolment_records::youths_on_roster;

/// Puts a set-aside message back in the queue, as it was (same Message-ID: a mail client that
/// got it after all shows it once; a set-aside message still holds its links, cut only once
/// sent). Asking again once it is queued or sent changes nothing: a sent message is never
/// queued again (its links are gone). A
/// counsellor may resend what they may see in the failed list (see `list_failed_mail`).
pub async fn resend_failed_mail(
    db: &impl ConnectionTrait,
    actor: &Actor,
    mail_id: i32,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let row = Entity::find_by_id(mail_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may_see(db, actor, &row).await? {
        return Err(ServiceError::NotFound);
    }
    if row.failed_at.is_none() || row.sent_at.is_some() {
        return Ok(()); // queued again already, or sent
    }
    Entity::update_many()
        .col_expr(Column::FailedAt, Expr::value(None::<DateTime<Utc>>))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::ClaimedUntil, Expr::value(None::<DateTime<Utc>>))
        .filter(Column::Id.eq(mail_id))
        .filter(Column::FailedAt.is_not_null())
        .filter(Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A message for a youth is seen by those who may view the youth's file; others by all staff.
pub(crate) async fn may_see(
    db: &impl ConnectionTrait,
    actor: &Actor,
    row: &mail_outbox::Model,
) -> Result<bool, ServiceError> {
    let Some(person_id) = row.person_id else {
        return Ok(true);
    };
    Ok(
        match youths_on_roster(db, vec![person_id]).await?.get(&person_id) {
            Some(youth) => actor.may_view_youth(&youth.file),
            None => true,
        },
    )
}
