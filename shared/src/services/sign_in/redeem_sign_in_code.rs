use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::auth::OneTimeCode;
use crate::domain::{AuditAction, PhoneNumber, SignInRefusal};
use crate::entities::sms_sign_in_code::{self, Column};
use crate::services::begin_write::begin_write;
use crate::services::sign_in::request_sign_in_code::sole_holder;
use crate::services::{LINK_SESSION_LIFETIME, SignedIn, record_audit_event, start_login_session};

/// Wrong codes a sent code tolerates before it stops working: a guess has at most this many
/// chances in a million per code, and codes are rate limited per number.
pub const CODE_TRIES: i32 = 5;

/// Opens a session for the holder of `phone` who typed the code they received by SMS. A code
/// works once, for its number only, for ten minutes, and dies after [`CODE_TRIES`] wrong
/// tries; every refusal reads the same.
pub async fn redeem_sign_in_code(
    db: &(impl ConnectionTrait + TransactionTrait),
    phone: &str,
    code: &str,
    client_ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let refused = || ServiceError::from(SignInRefusal::CodeNoLongerValid);
    let phone = PhoneNumber::parse(phone)?;
    let typed: String = code.chars().filter(|c| !c.is_whitespace()).collect();

    let txn = begin_write(db).await?;
    // The latest live code of this number: asking again replaces the earlier one.
    let Some(live) = sms_sign_in_code::Entity::find()
        .filter(Column::Phone.eq(phone.international()))
        .filter(Column::UsedAt.is_null())
        .filter(Column::ExpiresAt.gt(now))
        .filter(Column::FailedTries.lt(CODE_TRIES))
        .order_by_desc(Column::Id)
        .one(&txn)
        .await?
    else {
        return Err(refused());
    };
    if live.code_hash != OneTimeCode::hash(phone.international(), &typed) {
        sms_sign_in_code::Entity::update_many()
            .col_expr(Column::FailedTries, Expr::col(Column::FailedTries).add(1))
            .filter(Column::Id.eq(live.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        return Err(refused());
    }
    let used = sms_sign_in_code::Entity::update_many()
        .col_expr(Column::UsedAt, Expr::value(Some(now)))
        .filter(Column::Id.eq(live.id))
        .filter(Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(refused());
    }
    // The number may have changed hands since the code was sent (a file archived, edited).
    let Some(holder) = sole_holder(&txn, &phone).await? else {
        return Err(refused());
    };
    let signed_in = start_login_session(&txn, holder, LINK_SESSION_LIFETIME, now).await?;
    record_audit_event(
        &txn,
        Some(holder),
        AuditAction::SignIn,
        Some(holder.get()),
        "Code reçu par SMS",
        client_ip,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(signed_in)
}
