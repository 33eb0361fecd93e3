use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::hash_token;
use crate::domain::{AuditAction, LinkPurpose, SignInRefusal};
use crate::entities::{person, sign_in_link};
use crate::services::begin_write::begin_write;
use crate::services::{LINK_SESSION_LIFETIME, SignedIn, record_audit_event, start_login_session};

/// The refusal's text, for callers that compare with it (the API tests).
pub const LINK_NO_LONGER_VALID: &str = SignInRefusal::LinkNoLongerValid.text();

/// Opens a session for the owner of an emailed link. A link works once, until it expires;
/// two browsers racing with the same link get one session between them.
pub async fn redeem_sign_in_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    client_ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let no_longer_valid = || ServiceError::from(SignInRefusal::LinkNoLongerValid);
    let Some(link) = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::TokenHash.eq(hash_token(token)))
        .filter(sign_in_link::Column::Purpose.eq(LinkPurpose::SignIn.code()))
        .one(db)
        .await?
    else {
        return Err(no_longer_valid());
    };
    let active = person::Entity::find_by_id(link.person_id)
        .filter(person::Column::ArchivedAt.is_null())
        .one(db)
        .await?
        .is_some();
    if !active {
        return Err(no_longer_valid());
    }

    let txn = begin_write(db).await?;
    let used = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(sign_in_link::Column::Id.eq(link.id))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .filter(sign_in_link::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(no_longer_valid()); // the transaction rolls back on drop
    }
    let signed_in = start_login_session(&txn, link.person_id, LINK_SESSION_LIFETIME, now).await?;
    record_audit_event(
        &txn,
        Some(link.person_id),
        AuditAction::SignIn,
        Some(link.person_id.get()),
        "Lien reçu par e-mail",
        client_ip,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(signed_in)
}
