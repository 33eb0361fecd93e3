use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::ServiceError;
use chrono::Datelike;

use crate::domain::sms::SmsKind;
use crate::domain::{ActivityCount, Actor, EnrolmentEventKind, PARIS, ServiceHealth};
use crate::entities::{enrolment_event, mail_outbox, session_reminder, sms_outbox};
use crate::services::access_guard::require;

/// « État du service », for a coordinator.
pub async fn view_service_health(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<ServiceHealth, ServiceError> {
    require(actor, actor.may_view_service_health())?;
    read_service_health(db, now).await
}

/// The numbers themselves, for `/metrics` (which its token guards) and the page: a handful of
/// counting queries.
pub async fn read_service_health(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<ServiceHealth, ServiceError> {
    let waiting = || {
        mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .filter(mail_outbox::Column::FailedAt.is_null())
    };
    let mail_waiting = waiting().count(db).await?;
    let oldest_waiting_since = waiting()
        .select_only()
        .column(mail_outbox::Column::CreatedAt)
        .order_by_asc(mail_outbox::Column::CreatedAt)
        .into_tuple::<DateTime<Utc>>()
        .one(db)
        .await?;
    let mail_set_aside = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::FailedAt.is_not_null())
        .count(db)
        .await?;
    let sent = || mail_outbox::Entity::find().filter(mail_outbox::Column::SentAt.is_not_null());
    let mail_sent_total = sent().count(db).await?;
    let mail_sent_last_day = sent()
        .filter(mail_outbox::Column::SentAt.gt(now - Duration::days(1)))
        .count(db)
        .await?;
    let last_mail_sent_at = sent()
        .select_only()
        .column(mail_outbox::Column::SentAt)
        .order_by_desc(mail_outbox::Column::SentAt)
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();

    let week_ago = now - Duration::days(7);
    let by_kind = |since: Option<DateTime<Utc>>| {
        let mut query = enrolment_event::Entity::find()
            .select_only()
            .column(enrolment_event::Column::Kind)
            .column_as(enrolment_event::Column::Id.count(), "n")
            .group_by(enrolment_event::Column::Kind);
        if let Some(since) = since {
            query = query.filter(enrolment_event::Column::At.gt(since));
        }
        query.into_tuple::<(EnrolmentEventKind, i64)>().all(db)
    };
    let totals = by_kind(None).await?;
    let last_week = by_kind(Some(week_ago)).await?;
    let count_of = |rows: &[(EnrolmentEventKind, i64)], kind: EnrolmentEventKind| {
        rows.iter()
            .find(|(counted, _)| *counted == kind)
            .map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0))
    };
    let enrolment_events = EnrolmentEventKind::ALL
        .into_iter()
        .map(|kind| ActivityCount {
            kind,
            total: count_of(&totals, kind),
            last_week: count_of(&last_week, kind),
        })
        .collect();
    let reminders_total = session_reminder::Entity::find().count(db).await?;
    let reminders_last_week = session_reminder::Entity::find()
        .filter(session_reminder::Column::QueuedAt.gt(week_ago))
        .count(db)
        .await?;

    let sms_waiting = sms_outbox::Entity::find()
        .filter(sms_outbox::Column::SentAt.is_null())
        .filter(sms_outbox::Column::FailedAt.is_null())
        .count(db)
        .await?;
    let sms_set_aside = sms_outbox::Entity::find()
        .filter(sms_outbox::Column::SentAt.is_null())
        .filter(sms_outbox::Column::FailedAt.is_not_null())
        .filter(sms_outbox::Column::Kind.ne(SmsKind::SignInCode))
        .count(db)
        .await?;
    let month_start = now
        .with_timezone(&PARIS)
        .date_naive()
        .with_day(1)
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .and_then(|time| time.and_local_timezone(PARIS).earliest())
        .map_or(now, |time| time.with_timezone(&Utc));
    let sms_segments_this_month = sms_outbox::Entity::find()
        .select_only()
        .column_as(sms_outbox::Column::Segments.sum(), "segments")
        .filter(sms_outbox::Column::SentAt.gte(month_start))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten()
        .and_then(|segments| u64::try_from(segments).ok())
        .unwrap_or(0);

    Ok(ServiceHealth {
        at: now,
        sms_waiting,
        sms_set_aside,
        sms_segments_this_month,
        mail_waiting,
        oldest_waiting_since,
        mail_set_aside,
        mail_sent_total,
        mail_sent_last_day,
        last_mail_sent_at,
        enrolment_events,
        reminders_total,
        reminders_last_week,
    })
}
