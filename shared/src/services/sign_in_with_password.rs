use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::{hash_password, verify_password};
use crate::domain::{AuditAction, EmailAddress};
use crate::entities::{person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::{
    STAFF_SESSION_LIFETIME, SignedIn, check_attempt_limits, record_audit_event, start_login_session,
};

pub const WRONG_CREDENTIALS: &str = "Adresse e-mail ou mot de passe incorrect.";

/// Verified when the address is unknown, so that a wrong address takes as long to refuse as a
/// wrong password (the answer's timing does not tell who has an account).
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("decoy password that matches nothing"));

/// Signs a coordinator or counsellor in with their email and password. Unknown addresses,
/// wrong passwords and archived accounts get the same answer; every attempt is counted per
/// account and per network address, and logged.
pub async fn sign_in_with_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    password: &str,
    client_ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let email = EmailAddress::parse(email)?;
    check_attempt_limits(db, "password", client_ip, &email, now).await?;

    let person = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::ArchivedAt.is_null())
        .one(db)
        .await?;
    let stored_hash = match &person {
        Some(person) => staff_member::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .and_then(|staff| staff.password_hash),
        None => None,
    };
    let password = password.to_owned();
    let matches = tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) => verify_password(&password, &hash),
        None => {
            verify_password(&password, &DECOY_HASH);
            false
        }
    })
    .await
    .unwrap_or(false);

    let txn = begin_write(db).await?;
    let person_id = person.as_ref().map(|person| person.id);
    if !matches {
        record_audit_event(
            &txn,
            None,
            AuditAction::SignInFailed,
            person_id,
            "Mot de passe",
            client_ip,
            now,
        )
        .await?;
        txn.commit().await?;
        return Err(ServiceError::Invalid(WRONG_CREDENTIALS.into()));
    }
    let person_id = person_id.ok_or_else(|| ServiceError::Invalid(WRONG_CREDENTIALS.into()))?;
    let signed_in = start_login_session(&txn, person_id, STAFF_SESSION_LIFETIME, now).await?;
    record_audit_event(
        &txn,
        Some(person_id),
        AuditAction::SignIn,
        Some(person_id),
        "Mot de passe",
        client_ip,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(signed_in)
}
