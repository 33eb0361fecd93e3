use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::{Actor, MailSubject, PersonId, YouthFile};
use crate::entities::mail_outbox::{Column, Entity};
use crate::entities::{facilitator, person, staff_member, youth};
use crate::services::access_guard::require;
use crate::services::people::update_facilitator::facilitator_file;

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
    if !may_see(db, actor, row.person_id).await? {
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

/// Whether `actor` may see (and resend) a message (mail or SMS) about `person_id`: see
/// `Actor::may_see_mail_about`.
pub(crate) async fn may_see(
    db: &impl ConnectionTrait,
    actor: &Actor,
    person_id: Option<PersonId>,
) -> Result<bool, ServiceError> {
    if matches!(actor, Actor::Coordinator { .. }) {
        return Ok(true); // sees them all: no need to read whom it is about
    }
    Ok(actor.may_see_mail_about(&mail_subject(db, person_id).await?))
}

/// Whom a message is about, as the access policy judges it.
async fn mail_subject(
    db: &impl ConnectionTrait,
    person_id: Option<PersonId>,
) -> Result<MailSubject, ServiceError> {
    let Some(person_id) = person_id else {
        return Ok(MailSubject::Nobody);
    };
    let Some(person) = person::Entity::find_by_id(person_id).one(db).await? else {
        return Ok(MailSubject::Nobody);
    };
    let archived = person.archived_at.is_some();
    if let Some(youth) = youth::Entity::find_by_id(person_id).one(db).await? {
        let referent = staff_member::Entity::find_by_id(youth.referent_id)
            .one(db)
            .await?;
        return Ok(match referent.and_then(|staff| staff.mission_locale_id) {
            Some(mission_locale_id) => MailSubject::Youth {
                file: YouthFile {
                    person_id,
                    referent_id: youth.referent_id,
                    mission_locale_id,
                },
                archived,
            },
            None => MailSubject::Nobody, // a referent without a Mission Locale: a data error
        });
    }
    if let Some(staff) = staff_member::Entity::find_by_id(person_id).one(db).await? {
        return Ok(MailSubject::Staff {
            mission_locale_id: staff
                .mission_locale_id
                .filter(|_| staff.role != "coordinator"),
            archived,
        });
    }
    if let Some(facilitator) = facilitator::Entity::find_by_id(person_id).one(db).await? {
        return Ok(MailSubject::Facilitator {
            file: facilitator_file(db, &facilitator).await?,
            archived,
        });
    }
    Ok(MailSubject::Nobody)
}
