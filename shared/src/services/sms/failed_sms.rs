use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::sms::FailedSms;
use crate::domain::{Actor, PhoneNumber};
use crate::entities::person;
use crate::entities::sms_outbox::{Column, Entity};
use crate::services::access_guard::require;
use crate::services::notifications::resend_failed_mail::may_see;

/// The SMS set aside (a number the operator refuses, too many tries, a STOP), newest first,
/// beside the failed mail and seen by the same people (`list_failed_mail`). Sign-in codes are
/// left out: they expire in minutes, the youth asks for another.
pub async fn list_failed_sms(
    db: &impl ConnectionTrait,
    actor: &Actor,
) -> Result<Vec<FailedSms>, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let rows = Entity::find()
        .filter(Column::FailedAt.is_not_null())
        .filter(Column::SentAt.is_null())
        .filter(Column::Kind.ne(crate::domain::sms::SmsKind::SignInCode))
        .order_by_desc(Column::FailedAt)
        .all(db)
        .await?;
    let mut visible = Vec::with_capacity(rows.len());
    for row in rows {
        if may_see(db, actor, row.person_id).await? {
            visible.push(row);
        }
    }
    Ok(visible
        .into_iter()
        .filter_map(|row| {
            Some(FailedSms {
                id: row.id,
                to: PhoneNumber::parse(&row.to_number)
                    .map_or(row.to_number.clone(), |number| number.national()),
                kind: row.kind,
                text: row.body,
                attempts: row.attempts,
                failed_at: row.failed_at?,
                error: row.last_error.unwrap_or_default(),
                session_id: row.session_id,
            })
        })
        .collect())
}

/// Puts a set-aside SMS back in the queue, to the mobile now on the person's file (a
/// counsellor corrects it first; with none there, to the same number). Refused while the person
/// has answered STOP; asking again once it is queued or sent changes nothing.
pub async fn resend_failed_sms(
    db: &impl ConnectionTrait,
    actor: &Actor,
    sms_id: i32,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let row = Entity::find_by_id(sms_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may_see(db, actor, row.person_id).await? {
        return Err(ServiceError::NotFound);
    }
    if row.failed_at.is_none() || row.sent_at.is_some() {
        return Ok(());
    }
    let mut to = row.to_number.clone();
    if let Some(person_id) = row.person_id
        && let Some(person) = person::Entity::find_by_id(person_id).one(db).await?
    {
        if person.sms_stopped_at.is_some() {
            return Err(ServiceError::Invalid(
                "Cette personne a répondu STOP : elle ne reçoit plus de SMS. Elle peut les \
                 demander de nouveau sur sa page « Mes notifications »."
                    .into(),
            ));
        }
        let on_file = person
            .phone
            .as_deref()
            .and_then(|phone| PhoneNumber::parse(phone).ok())
            .filter(PhoneNumber::is_mobile);
        if let Some(number) = on_file {
            to = number.international().to_owned();
        }
    }
    Entity::update_many()
        .col_expr(Column::ToNumber, Expr::value(to))
        .col_expr(Column::FailedAt, Expr::value(None::<DateTime<Utc>>))
        .col_expr(Column::Attempts, Expr::value(0))
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::ClaimedUntil, Expr::value(None::<DateTime<Utc>>))
        .filter(Column::Id.eq(sms_id))
        .filter(Column::FailedAt.is_not_null())
        .filter(Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
