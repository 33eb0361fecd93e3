use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{EnrolmentStatus, PersonId, SessionStatus};
use crate::entities::{enrolment, person, session_reminder, workshop_session};
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::notifications::session_mail::{SessionForMail, send_reminder};

/// The reminders' default delays before a session: two days, then two hours.
pub const DEFAULT_REMINDERS: [Duration; 2] = [Duration::hours(48), Duration::hours(2)];

/// Queues the reminders that are due at `now` to the youths registered at published sessions
/// (never for a cancelled session or a youth who left). For each youth, only the closest delay
/// that has come is sent, and only if they were registered by then (a youth who enrols the day
/// before gets the 2-hour reminder, not a 48-hour one late). Each reminder is recorded in
/// `session_reminders` in the same transaction as its mail: unique per youth, session and
/// delay, so several workers on one database send it once. Returns how many were queued.
pub async fn send_due_reminders<C>(
    db: &C,
    mail: &MailSettings,
    delays: &[Duration],
    now: DateTime<Utc>,
) -> Result<usize, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let Some(longest) = delays.iter().max().copied() else {
        return Ok(0);
    };
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::StartsAt.gt(now))
        .filter(workshop_session::Column::StartsAt.lte(now + longest))
        .all(db)
        .await?;
    let mut queued = 0;
    for session in sessions {
        let places = enrolment::Entity::find()
            .filter(enrolment::Column::SessionId.eq(session.id))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
            .all(db)
            .await?;
        // The closest delay whose time has come, per youth.
        let due: Vec<(PersonId, i32)> = places
            .iter()
            .filter_map(|place| {
                let delay = delays
                    .iter()
                    .filter(|delay| session.starts_at - **delay <= now)
                    .min()?;
                let registered_by_then = place
                    .registered_at
                    .is_some_and(|at| at <= session.starts_at - *delay);
                registered_by_then.then(|| (place.youth_id, delay.num_minutes() as i32))
            })
            .collect();
        if due.is_empty() {
            continue;
        }
        let already: Vec<(PersonId, i32)> = session_reminder::Entity::find()
            .filter(session_reminder::Column::SessionId.eq(session.id))
            .all(db)
            .await?
            .into_iter()
            .map(|sent| (sent.youth_id, sent.minutes_before))
            .collect();
        let due: Vec<(PersonId, i32)> = due
            .into_iter()
            .filter(|reminder| !already.contains(reminder))
            .collect();
        if due.is_empty() {
            continue;
        }

        let txn = begin_write(db).await?;
        // Read again under the write lock: the session may have been cancelled meanwhile.
        let still_on = workshop_session::Entity::find_by_id(session.id)
            .one(&txn)
            .await?
            .is_some_and(|row| row.status == SessionStatus::Published);
        if !still_on {
            continue;
        }
        let about = SessionForMail::load(&txn, mail, session.id).await?;
        for (youth_id, minutes_before) in due {
            let registered = enrolment::Entity::find()
                .filter(enrolment::Column::SessionId.eq(session.id))
                .filter(enrolment::Column::YouthId.eq(youth_id))
                .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
                .one(&txn)
                .await?
                .is_some();
            if !registered {
                continue;
            }
            let recorded = session_reminder::Entity::insert(session_reminder::ActiveModel {
                session_id: sea_orm::Set(session.id),
                youth_id: sea_orm::Set(youth_id),
                minutes_before: sea_orm::Set(minutes_before),
                queued_at: sea_orm::Set(now),
                ..Default::default()
            })
            .on_conflict(
                OnConflict::columns([
                    session_reminder::Column::SessionId,
                    session_reminder::Column::YouthId,
                    session_reminder::Column::MinutesBefore,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
            if recorded == 0 {
                continue; // another worker queued it
            }
            if let Some(youth) = person::Entity::find_by_id(youth_id).one(&txn).await? {
                send_reminder(&txn, mail, &about, &youth, now).await?;
                queued += 1;
            }
        }
        txn.commit().await?;
    }
    Ok(queued)
}
