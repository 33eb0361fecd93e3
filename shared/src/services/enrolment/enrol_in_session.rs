//! A youth's tap on « Je m'inscris ». On a Monday morning a hundred youths tap at the same
//! session within a second; each change of places holds the session's lock (on SQLite, the
//! database's write lock), so one transaction per tap queues them all behind each other.
//! [`EnrolmentQueue`] serves the taps that arrive while a transaction runs together, in the
//! next one: the same rules, the same rows, events and mail as one tap at a time, in the order
//! the taps arrived, with the session's reads, its lock and its commit paid once per batch.
//! A batch that fails (the database gone) writes nothing and tells each of its taps so.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
    TransactionSession, TransactionTrait,
};
use tokio::sync::oneshot;

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentStatus, PersonId, SessionId, YouthPlaceView, check_self_enrolment,
};
use crate::entities::enrolment;
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    acting_youth, facts_of, lock_roster, overlapping_places, session_facts, write_youth_changes,
    youths_facts,
};
use crate::services::enrolment::view_youth_place::place_after_change;
use crate::services::notifications::session_mail::PreparedSessionMail;

/// A youth takes a place (or a place on the waiting list) for themself, in one tap. Asking
/// again (a double tap, a retry on a bad network) changes nothing and gives the same answer.
pub async fn enrol_in_session<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<YouthPlaceView, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let youth_id = acting_youth(actor)?;
    let ask = EnrolmentAsk { youth_id, now };
    enrol_together(db, session_id, &[ask], mail)
        .await?
        .pop()
        .unwrap_or(Err(ServiceError::NotFound))
}

/// One youth's tap, as the batch serves it.
#[derive(Clone, Copy, Debug)]
struct EnrolmentAsk {
    youth_id: PersonId,
    now: DateTime<Utc>,
}

/// The answer to each ask, in order; `Err` when the batch failed as a whole (nothing written).
async fn enrol_together<C>(
    db: &C,
    session_id: SessionId,
    asks: &[EnrolmentAsk],
    mail: &MailSettings,
) -> Result<Vec<Result<YouthPlaceView, ServiceError>>, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    // Everything the changes and their mail need, read before the lock.
    let prepared = PreparedSessionMail::read(db, mail, session_id).await?;
    let mut youth_ids: Vec<PersonId> = asks.iter().map(|ask| ask.youth_id).collect();
    youth_ids.sort_unstable();
    youth_ids.dedup();
    let youths = youths_facts(db, youth_ids.clone()).await?;
    let placed = placed_youths(db, session_id, youth_ids.clone()).await?;
    let overlapping = overlapping_places(db, youth_ids, &prepared.bundle().session).await?;
    let overlap_of = |youth_id: PersonId| overlapping.get(&youth_id).map(String::as_str);

    // Refused before the lock (a closed session, a youth too old, ...): no need to wait for it.
    // `None`: answered under the lock.
    let before = session_facts(prepared.bundle());
    let mut answers: Vec<Option<Result<YouthPlaceView, ServiceError>>> = asks
        .iter()
        .map(|ask| {
            let Some(youth) = youths.get(&ask.youth_id) else {
                return Some(Err(ServiceError::Forbidden));
            };
            if placed.contains(&ask.youth_id) {
                return None;
            }
            check_self_enrolment(&before, youth, overlap_of(ask.youth_id), ask.now)
                .err()
                .map(|refusal| Err(ServiceError::Invalid(refusal.youth_message())))
        })
        .collect();
    if answers.iter().all(Option::is_some) {
        return Ok(answers.into_iter().flatten().collect());
    }

    let txn = begin_write(db).await?;
    let mut locked = lock_roster(&txn, session_id).await?;
    // The session may have changed since it was read (cancelled, moved): the rules are checked
    // again on the locked row.
    let facts = facts_of(&locked.session, prepared.bundle());
    locked.keep_mail_facts(&txn, prepared).await?;
    let mut changes = Vec::new();
    for (ask, answer) in asks.iter().zip(&mut answers) {
        if answer.is_some() {
            continue;
        }
        if locked.roster.standing(ask.youth_id).is_none() {
            let Some(youth) = youths.get(&ask.youth_id) else {
                *answer = Some(Err(ServiceError::Forbidden));
                continue;
            };
            if let Err(refusal) =
                check_self_enrolment(&facts, youth, overlap_of(ask.youth_id), ask.now)
            {
                *answer = Some(Err(ServiceError::Invalid(refusal.youth_message())));
                continue;
            }
        }
        let (_, change) = locked.roster.enrol(ask.youth_id);
        changes.extend(change);
    }
    let now = asks.iter().map(|ask| ask.now).max().unwrap_or_default();
    write_youth_changes(&txn, &mut locked, &changes, mail, now).await?;
    txn.commit().await?;

    Ok(asks
        .iter()
        .zip(answers)
        .map(|(ask, answer)| {
            answer.unwrap_or_else(|| {
                // Each youth reads the places as the whole batch left them.
                let standing = locked
                    .roster
                    .standing(ask.youth_id)
                    .ok_or(ServiceError::NotFound)?;
                let mut view =
                    place_after_change(session_id, &facts, &locked.roster, standing, ask.now);
                view.message = Some(standing.youth_message());
                Ok(view)
            })
        })
        .collect())
}

/// Those of `youth_ids` who hold a place (registered or waiting) at the session.
async fn placed_youths(
    db: &impl ConnectionTrait,
    session_id: SessionId,
    youth_ids: Vec<PersonId>,
) -> Result<HashSet<PersonId>, ServiceError> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .filter(enrolment::Column::YouthId.is_in(youth_ids))
        .filter(
            enrolment::Column::Status
                .is_in([EnrolmentStatus::Registered, EnrolmentStatus::Waiting]),
        )
        .select_only()
        .column(enrolment::Column::YouthId)
        .into_tuple::<PersonId>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The taps waiting at each session while a transaction serves the ones before them (one per
/// app state; cloning shares it). Each session with taps waiting has one task serving them, a
/// batch at a time, spawned by the tap that found nobody waiting: a youth who closes their
/// browser mid-way cancels nothing the others wait for.
///
/// Batching is only this process's: server instances sharing a database still take the
/// session's lock in turn, so the places are exactly as safe as one tap at a time.
#[derive(Clone, Default)]
pub struct EnrolmentQueue {
    waiting: Arc<Mutex<HashMap<SessionId, Vec<WaitingAsk>>>>,
}

struct WaitingAsk {
    ask: EnrolmentAsk,
    reply: oneshot::Sender<Result<YouthPlaceView, ServiceError>>,
}

impl std::fmt::Debug for EnrolmentQueue {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("EnrolmentQueue")
    }
}

/// The most taps one transaction serves: a bigger batch would hold the lock (SQLite's for
/// the whole database) long enough to make other writers wait.
const MOST_ASKS_PER_BATCH: usize = 200;

impl EnrolmentQueue {
    /// [`enrol_in_session`], served with the other taps at the session.
    pub async fn enrol_in_session(
        &self,
        db: &DatabaseConnection,
        actor: &Actor,
        session_id: SessionId,
        mail: &MailSettings,
        now: DateTime<Utc>,
    ) -> Result<YouthPlaceView, ServiceError> {
        let youth_id = acting_youth(actor)?;
        let (reply, answer) = oneshot::channel();
        let first = {
            let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
            let first = !waiting.contains_key(&session_id);
            waiting.entry(session_id).or_default().push(WaitingAsk {
                ask: EnrolmentAsk { youth_id, now },
                reply,
            });
            first
        };
        if first {
            tokio::spawn(self.clone().serve(db.clone(), session_id, mail.clone()));
        }
        // Dropped unanswered only if the serving task panicked: nothing was committed for it.
        answer.await.unwrap_or_else(|_| {
            Err(ServiceError::Database(sea_orm::DbErr::Custom(
                "the enrolment batch stopped unanswered".into(),
            )))
        })
    }

    /// Serves the session's taps, a batch at a time, until none is waiting.
    async fn serve(self, db: DatabaseConnection, session_id: SessionId, mail: MailSettings) {
        let _done = StopServing {
            queue: &self,
            session_id,
        };
        loop {
            let batch: Vec<WaitingAsk> = {
                let mut waiting = self.waiting.lock().unwrap_or_else(PoisonError::into_inner);
                let Some(asks) = waiting.get_mut(&session_id) else {
                    return;
                };
                if asks.is_empty() {
                    waiting.remove(&session_id);
                    return;
                }
                let taken = asks.len().min(MOST_ASKS_PER_BATCH);
                asks.drain(..taken).collect()
            };
            let asks: Vec<EnrolmentAsk> = batch.iter().map(|waiting| waiting.ask).collect();
            match enrol_together(&db, session_id, &asks, &mail).await {
                Ok(answers) => {
                    for (waiting, answer) in batch.into_iter().zip(answers) {
                        let _gone = waiting.reply.send(answer);
                    }
                }
                // Nothing was written: each tap is told why (an unknown session, the database
                // gone), the database's cause logged once.
                Err(error) => {
                    let mut taps = batch.into_iter();
                    let first = taps.next();
                    for waiting in taps {
                        let _gone = waiting.reply.send(Err(same_error(&error)));
                    }
                    if let Some(first) = first {
                        let _gone = first.reply.send(Err(error));
                    }
                }
            }
        }
    }
}

/// What another tap of a failed batch is told: the same, but the database's cause only once.
fn same_error(error: &ServiceError) -> ServiceError {
    match error {
        ServiceError::NotFound => ServiceError::NotFound,
        ServiceError::Invalid(message) => ServiceError::Invalid(message.clone()),
        ServiceError::Forbidden => ServiceError::Forbidden,
        ServiceError::NotSignedIn => ServiceError::NotSignedIn,
        ServiceError::RateLimited => ServiceError::RateLimited,
        ServiceError::Throttled(message) => ServiceError::Throttled(message.clone()),
        ServiceError::Database(_) => ServiceError::Database(sea_orm::DbErr::Custom(
            "served in the same failed batch".into(),
        )),
    }
}

/// Should the serving task panic, removes the session's queue (its waiting taps then get an
/// error) so that the next tap starts a new task. A task that ends normally has removed it
/// already, and a new one may own the session's queue by then.
/// Removes the session's queue when its serving task ends, panicking or not.
struct StopServing<'a> {
    queue: &'a EnrolmentQueue,
    session_id: SessionId,
}

impl Drop for StopServing<'_> {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            return;
        }
        self.queue
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.session_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tap_of_a_failed_batch_reads_why() {
        let errors = [
            ServiceError::NotFound,
            ServiceError::Invalid("Les inscriptions sont closes.".into()),
            ServiceError::Forbidden,
            ServiceError::NotSignedIn,
            ServiceError::RateLimited,
            ServiceError::Throttled("Réessayez dans une minute.".into()),
            ServiceError::Database(sea_orm::DbErr::Custom("connection reset".into())),
        ];
        for error in errors {
            let other = same_error(&error);
            assert_eq!(other.user_message(), error.user_message());
            assert_eq!(
                matches!(other, ServiceError::Database(_)),
                matches!(error, ServiceError::Database(_))
            );
        }
    }
}
