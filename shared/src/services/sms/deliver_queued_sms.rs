use std::future::Future;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::ServiceError;
use crate::domain::sms::SmsKind;
use crate::entities::sms_gateway_id;
use crate::entities::sms_outbox::{self, Column};
use crate::services::notifications::backoff;

/// After this many failed tries an SMS is set aside for a person to look at.
pub const MAX_SMS_ATTEMPTS: i32 = 10;
/// How long a dispatcher owns an SMS it took; a crashed dispatcher's claim then expires.
const CLAIM: Duration = Duration::minutes(5);

/// What the gateway answered about one SMS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmsRefusal {
    /// Down, busy, timed out: try again later.
    Temporary(String),
    /// The operator will never take it (an invalid number, a barred sender): set aside.
    Permanent(String),
    /// Not connected to the operator: nothing was sent. The SMS is not counted as tried and
    /// the pass stops; it goes when the gateway is back.
    GatewayDown,
}

/// What sends an SMS: the SMPP gateway (`crate::sms`). On success, the gateway's message id of
/// each segment, as its delivery receipts will name them.
pub trait SmsSender: Sync {
    fn send(
        &self,
        to: &str,
        text: &str,
    ) -> impl Future<Output = Result<Vec<String>, SmsRefusal>> + Send;

    /// Whether sending can succeed now (bound to the operator); a pass waits until it can.
    fn ready(&self) -> bool {
        true
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SmsDeliveryReport {
    pub sent: usize,
    pub retried: usize,
    pub set_aside: usize,
    /// The pass stopped because the gateway is not connected.
    pub gateway_down: bool,
}

/// Sends up to `batch` SMS due at `now`, as the mail dispatcher does: each is claimed by one
/// dispatcher with a conditional update first, so several instances never send the same one.
///
/// What is guaranteed: an SMS the gateway accepted is marked sent with its message ids and
/// never sent again; one the gateway refused for now is retried with a growing delay; one it
/// refused for good is set aside, to be resent by a counsellor. A dispatcher that dies after
/// `submit_sm` and before the gateway's answer leaves its claim to expire, and the SMS goes
/// out again: SMPP has no way to ask whether it arrived, so such an SMS may reach the phone
/// twice; at most the SMS in flight at that moment can (the client's window), none is lost.
pub async fn deliver_queued_sms(
    db: &impl ConnectionTrait,
    sender: &impl SmsSender,
    now: DateTime<Utc>,
    batch: u64,
) -> Result<SmsDeliveryReport, ServiceError> {
    let mut report = SmsDeliveryReport::default();
    if !sender.ready() {
        report.gateway_down = true;
        return Ok(report);
    }
    let due: Vec<i32> = sms_outbox::Entity::find()
        .select_only()
        .column(Column::Id)
        .filter(is_due(now))
        .order_by_asc(Column::NextAttemptAt)
        .order_by_asc(Column::Id)
        .limit(batch)
        .into_tuple()
        .all(db)
        .await?;
    for id in due {
        let claimed = sms_outbox::Entity::update_many()
            .col_expr(Column::ClaimedUntil, Expr::value(Some(now + CLAIM)))
            .filter(Column::Id.eq(id))
            .filter(is_due(now))
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue; // another dispatcher took it
        }
        let Some(sms) = sms_outbox::Entity::find_by_id(id).one(db).await? else {
            continue;
        };
        let attempts = sms.attempts + 1;
        let outcome = sender.send(&sms.to_number, &sms.body).await;
        if outcome == Err(SmsRefusal::GatewayDown) {
            release_claim(db, id).await?;
            report.gateway_down = true;
            break;
        }
        let mut update = sms_outbox::Entity::update_many()
            .col_expr(Column::Attempts, Expr::value(attempts))
            .col_expr(Column::ClaimedUntil, Expr::value(None::<DateTime<Utc>>))
            .filter(Column::Id.eq(id));
        match outcome {
            Ok(message_ids) => {
                update = update.col_expr(Column::SentAt, Expr::value(Some(now)));
                if sms.kind == SmsKind::SignInCode {
                    update = update.col_expr(Column::Body, Expr::value(mask_code(&sms.body)));
                }
                record_gateway_ids(db, id, message_ids).await?;
                report.sent += 1;
            }
            Err(refusal) => {
                let (reason, permanent) = match refusal {
                    SmsRefusal::Permanent(reason) => (reason, true),
                    SmsRefusal::Temporary(reason) => (reason, attempts >= MAX_SMS_ATTEMPTS),
                    SmsRefusal::GatewayDown => unreachable!("handled above"),
                };
                tracing::warn!(id, attempts, permanent, reason, "SMS delivery failed");
                update = update.col_expr(Column::LastError, Expr::value(Some(reason)));
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
    }
    Ok(report)
}

/// Gives back an SMS that was not sent, untried, for the next pass.
async fn release_claim(db: &impl ConnectionTrait, id: i32) -> Result<(), ServiceError> {
    sms_outbox::Entity::update_many()
        .col_expr(Column::ClaimedUntil, Expr::value(None::<DateTime<Utc>>))
        .filter(Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Keeps the ids a receipt will name, once each (a resent SMS gets new ones).
async fn record_gateway_ids(
    db: &impl ConnectionTrait,
    sms_id: i32,
    message_ids: Vec<String>,
) -> Result<(), ServiceError> {
    if message_ids.is_empty() {
        return Ok(());
    }
    sms_gateway_id::Entity::insert_many(message_ids.into_iter().map(|gateway_message_id| {
        sms_gateway_id::ActiveModel {
            gateway_message_id: Set(gateway_message_id),
            sms_id: Set(sms_id),
        }
    }))
    .on_conflict_do_nothing_on([sms_gateway_id::Column::GatewayMessageId])
    .exec(db)
    .await?;
    Ok(())
}

/// The outbox's copy of a sent sign-in code: the phone has it, the database need not. Runs
/// of six digits (the code) are masked; the rest of the text stays readable.
fn mask_code(body: &str) -> String {
    let mut masked = String::with_capacity(body.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, masked: &mut String| {
        if digits.len() == 6 {
            masked.push_str("••••••");
        } else {
            masked.push_str(digits);
        }
        digits.clear();
    };
    for character in body.chars() {
        if character.is_ascii_digit() {
            digits.push(character);
        } else {
            flush(&mut digits, &mut masked);
            masked.push(character);
        }
    }
    flush(&mut digits, &mut masked);
    masked
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
    fn a_sent_code_is_masked_but_the_rest_of_the_text_stays() {
        assert_eq!(
            mask_code("Ateliers : votre code de connexion est 482913. Il expire dans 10 minutes."),
            "Ateliers : votre code de connexion est ••••••. Il expire dans 10 minutes."
        );
    }
}
