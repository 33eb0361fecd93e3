use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::ServiceError;
use crate::entities::mail_outbox::{self, Column};
use crate::mail::Mailer;
use crate::mail::redact::redact_secret_links;

/// After this many failed tries a message is set aside for a person to look at.
pub const MAX_ATTEMPTS: i32 = 10;
/// How long a dispatcher owns a message it took; a crashed dispatcher's claim then expires.
const CLAIM: Duration = Duration::minutes(5);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub set_aside: usize,
}

/// The messages a dispatcher has claimed and not yet marked: when it must stop in the middle of
/// a send (a mail server that does not answer), [`release_mail_claims`] hands them back so that
/// another instance sends them at once instead of after the claim's five minutes.
#[derive(Debug, Default)]
pub struct HeldClaims(std::sync::Mutex<Vec<i32>>);

impl HeldClaims {
    fn hold(&self, id: i32) {
        if let Ok(mut held) = self.0.lock() {
            held.push(id);
        }
    }

    fn let_go(&self, id: i32) {
        if let Ok(mut held) = self.0.lock() {
            held.retain(|held| *held != id);
        }
    }

    fn take(&self) -> Vec<i32> {
        self.0
            .lock()
            .map(|mut held| std::mem::take(&mut *held))
            .unwrap_or_default()
    }
}

/// Releases what `held` still claims (unsent messages only). A message cut off while being sent
/// may have reached its recipient already: it goes out again (at least once, never lost).
pub async fn release_mail_claims(
    db: &impl ConnectionTrait,
    held: &HeldClaims,
) -> Result<usize, ServiceError> {
    let ids = held.take();
    if ids.is_empty() {
        return Ok(0);
    }
    let released = mail_outbox::Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::value(None::<DateTime<Utc>>))
        .filter(Column::Id.is_in(ids))
        .filter(Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(released.rows_affected as usize)
}

/// Sends up to `batch` messages due at `now`. Several dispatchers (one per server instance) may
/// run at once: each message is claimed by one of them with a conditional update before it is
/// sent, so it goes out once. Once sent, the links carrying a secret are cut from the copy the
/// outbox keeps (`mail::redact`).
pub async fn deliver_queued_mail(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    now: DateTime<Utc>,
    batch: u64,
) -> Result<DeliveryReport, ServiceError> {
    deliver_queued_mail_while(db, mailer, now, batch, &HeldClaims::default(), &|| true).await
}

/// [`deliver_queued_mail`] for a dispatcher that may be asked to stop: it claims no further
/// message once `keep_going` says no, and records in `held` what it claims until it is marked.
pub async fn deliver_queued_mail_while(
    db: &impl ConnectionTrait,
    mailer: &Mailer,
    now: DateTime<Utc>,
    batch: u64,
    held: &HeldClaims,
    keep_going: &(dyn Fn() -> bool + Sync),
) -> Result<DeliveryReport, ServiceError> {
    let due: Vec<i32> = mail_outbox::Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(is_due(now))
        .order_by_asc(Column::NextAttemptAt)
        .order_by_asc(Column::Id)
        .limit(batch)
        .into_tuple()
        .all(db)
        .await?;

    let mut report = DeliveryReport::default();
    for id in due {
        if !keep_going() {
            break;
        }
        let claimed = mail_outbox::Entity::update_many()
            .col_expr(Column::ClaimedUntil, Expr::value(Some(now + CLAIM)))
            .filter(Column::Id.eq(id))
            .filter(is_due(now))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue; // another dispatcher took it
        }
        held.hold(id);
        let Some(message) = mail_outbox::Entity::find_by_id(id).one(db).await? else {
            continue;
        };
        let recipients: Vec<&str> = message.envelope_to.split(',').collect();
        let attempts = message.attempts + 1;
        let outcome = mailer
            .send_raw(
                &message.envelope_from,
                &recipients,
                message.content.as_bytes(),
            )
            .await;
        let mut update = mail_outbox::Entity::update_many()
            .col_expr(Column::Attempts, Expr::value(attempts))
            .col_expr(Column::ClaimedUntil, Expr::value(None::<DateTime<Utc>>))
            .filter(Column::Id.eq(id));
        match outcome {
            Ok(()) => {
                update = update.col_expr(Column::SentAt, Expr::value(Some(now)));
                // Delivered: the person holds the link now; the copy kept here loses its
                // secrets (until then a retry or a resend needs the working link).
                if let Some(redacted) = redact_secret_links(&message.content) {
                    update = update.col_expr(Column::Content, Expr::value(redacted));
                }
                report.sent += 1;
            }
            Err(error) => {
                let permanent = error.is_permanent() || attempts >= MAX_ATTEMPTS;
                // The server's answer may name the recipient: masked in the logs.
                let reason = crate::mail::without_email_addresses(&error.to_string());
                tracing::warn!(id, attempts, permanent, reason, "mail delivery failed");
                update = update.col_expr(Column::LastError, Expr::value(Some(error.to_string())));
                if permanent {
                    update = update.col_expr(Column::FailedAt, Expr::value(Some(now)));
                    report.set_aside += 1;
                } else {
                    update = update
                        .col_expr(Column::NextAttemptAt, Expr::value(now + backoff(attempts)));
                    report.retried += 1;
                }
            }
        }
        update.exec(db).await?;
        held.let_go(id);
    }
    Ok(report)
}

/// Waits 30 s after the first failure, then twice as long each time, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(7);
    Duration::seconds(30 * 2_i64.pow(exponent)).min(Duration::hours(1))
}

fn is_due(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Column::SentAt.is_null())
        .add(Column::FailedAt.is_null())
        .add(Column::NextAttemptAt.lte(now))
        .add(
            Condition::any()
                .add(Column::ClaimedUntil.is_null())
                .add(Column::ClaimedUntil.lt(now)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_thirty_seconds_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(8), Duration::hours(1));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::hours(1));
    }
}
