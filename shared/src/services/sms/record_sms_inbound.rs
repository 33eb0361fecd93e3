use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::PhoneNumber;
use crate::domain::sms::{SmsKind, is_stop_request};
use crate::entities::{person, sms_gateway_id, sms_outbox};

/// What the gateway tells us on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SmsInbound {
    /// A delivery receipt for one segment: `state` is the operator's (`DELIVRD`, `UNDELIV`...).
    Receipt {
        gateway_message_id: String,
        delivered: bool,
        state: String,
    },
    /// Someone answered one of our SMS.
    Reply { from: String, text: String },
}

/// What an inbound message changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InboundOutcome {
    /// A receipt recorded on the SMS it is about.
    ReceiptRecorded,
    /// A STOP: this many files now say no SMS.
    Stopped(usize),
    /// A receipt for an SMS we do not know, or an answer that asks nothing.
    Ignored,
}

/// Records a delivery receipt on its SMS, or a STOP on the files of the number that sent it
/// (they get no SMS from then on, and their file says so). Other answers are not kept: nobody
/// reads this number, and the SMS say so by carrying a link instead.
pub async fn record_sms_inbound(
    db: &impl ConnectionTrait,
    inbound: SmsInbound,
    now: DateTime<Utc>,
) -> Result<InboundOutcome, ServiceError> {
    match inbound {
        SmsInbound::Receipt {
            gateway_message_id,
            delivered,
            state,
        } => {
            let Some(part) = sms_gateway_id::Entity::find_by_id(gateway_message_id)
                .one(db)
                .await?
            else {
                return Ok(InboundOutcome::Ignored);
            };
            let state = if delivered {
                state
            } else {
                format!("{state} (non remis)")
            };
            sms_outbox::Entity::update_many()
                .col_expr(sms_outbox::Column::ReceiptAt, Expr::value(Some(now)))
                .col_expr(sms_outbox::Column::ReceiptState, Expr::value(Some(state)))
                .filter(sms_outbox::Column::Id.eq(part.sms_id))
                .exec(db)
                .await?;
            Ok(InboundOutcome::ReceiptRecorded)
        }
        SmsInbound::Reply { from, text } => {
            if !is_stop_request(&text) {
                return Ok(InboundOutcome::Ignored);
            }
            let Ok(number) = PhoneNumber::parse(&from) else {
                return Ok(InboundOutcome::Ignored);
            };
            let stopped = person::Entity::update_many()
                .col_expr(person::Column::SmsStoppedAt, Expr::value(Some(now)))
                .filter(person::Column::Phone.eq(number.international()))
                .filter(person::Column::SmsStoppedAt.is_null())
                .exec(db)
                .await?;
            // Nothing queued for them goes out either, except a sign-in code they asked for
            // (asking for one is asking for that SMS).
            sms_outbox::Entity::update_many()
                .col_expr(sms_outbox::Column::FailedAt, Expr::value(Some(now)))
                .col_expr(
                    sms_outbox::Column::LastError,
                    Expr::value(Some("STOP reçu : plus de SMS pour ce numéro".to_owned())),
                )
                .filter(sms_outbox::Column::ToNumber.eq(number.international()))
                .filter(sms_outbox::Column::Kind.ne(SmsKind::SignInCode))
                .filter(sms_outbox::Column::SentAt.is_null())
                .filter(sms_outbox::Column::FailedAt.is_null())
                .exec(db)
                .await?;
            Ok(InboundOutcome::Stopped(stopped.rows_affected as usize))
        }
    }
}
