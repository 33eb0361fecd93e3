use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::{hash_password, hash_token};
use crate::domain::{AuditAction, LinkPurpose, NewPassword, SignInRefusal};
use crate::entities::{sign_in_link, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::sign_in::identify_actor::revoke_sessions_of;
use crate::services::{STAFF_SESSION_LIFETIME, SignedIn, record_audit_event, start_login_session};

/// Sets a staff member's new password from an emailed link. Every session they had is revoked
/// (a stolen session dies with the old password) and a fresh one is opened on this browser.
pub async fn reset_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    password: &NewPassword,
    client_ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let no_longer_valid = || ServiceError::from(SignInRefusal::ResetLinkNoLongerValid);
    let Some(link) = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::TokenHash.eq(hash_token(token)))
        .filter(sign_in_link::Column::Purpose.eq(LinkPurpose::PasswordReset.code()))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .filter(sign_in_link::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
    else {
        return Err(no_longer_valid());
    };
    let secret = password.expose().to_owned();
    let new_hash = tokio::task::spawn_blocking(move || hash_password(&secret))
        .await
        .map_err(|error| {
            ServiceError::Database(sea_orm::DbErr::Custom(format!("hashing failed: {error}")))
        })?;

    let txn = begin_write(db).await?;
    let used = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(sign_in_link::Column::Id.eq(link.id))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(no_longer_valid());
    }
    staff_member::Entity::update_many()
        .col_expr(
            staff_member::Column::PasswordHash,
            Expr::value(Some(new_hash)),
        )
        .filter(staff_member::Column::PersonId.eq(link.person_id))
        .exec(&txn)
        .await?;
    revoke_sessions_of(&txn, link.person_id, now).await?;
    let signed_in = start_login_session(&txn, link.person_id, STAFF_SESSION_LIFETIME, now).await?;
    record_audit_event(
        &txn,
        Some(link.person_id),
        AuditAction::PasswordReset,
        Some(link.person_id.get()),
        "Toutes les autres sessions ont été fermées",
        client_ip,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(signed_in)
}
