use std::net::IpAddr;
use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::{BUSY_MESSAGE, PasswordChecks, hash_password};
use crate::domain::{
    AuditAction, EmailAddress, NetworkAddress, PersonId, RateLimits, SignInRefusal, Throttle,
    retry_message,
};
use crate::entities::{person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::sign_in::check_rate_limit::{
    FailureBucket, bucket, network_bucket, reserve_try,
};
use crate::services::{
    STAFF_SESSION_LIFETIME, SignedIn, check_rate_limit, record_audit_event, start_login_session,
};

/// Said to a try that comes before the delay earned by the wrong passwords before it.
const TOO_MANY_WRONG_PASSWORDS: &str = "Trop de mots de passe erronés pour ce compte depuis votre réseau. \
     Si vous l'avez oublié, choisissez « Mot de passe oublié ? » : le lien reçu par e-mail vous connecte.";

/// Verified when the address is unknown, so that a wrong address takes as long to refuse as a
/// wrong password (the answer's timing does not tell who has an account).
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("decoy password that matches nothing"));

/// Signs a coordinator or counsellor in with their email and password. Unknown addresses,
/// wrong passwords and archived accounts get the same answer, and are logged.
///
/// Limits (see `domain::rate_limits`): `limits.per_network` tries per network (100 per 15
/// minutes by default), counted first;
/// then wrong passwords slow down their own network for this account (and, past 30 within the
/// hour, every network), never the owner who types the right one from elsewhere. A try that
/// comes too soon is refused before its password is checked, so it reveals nothing. Each try
/// is counted as failed before the check and taken back when it succeeds, atomically, so a
/// burst of parallel guesses gets no more checks than sequential ones. At most N passwords are
/// checked at once (`checks`).
pub async fn sign_in_with_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    checks: &PasswordChecks,
    email: &str,
    password: &str,
    client_ip: Option<IpAddr>,
    limits: &RateLimits,
    now: DateTime<Utc>,
) -> Result<SignedIn, ServiceError> {
    let email = EmailAddress::parse(email)?;
    check_rate_limit(
        db,
        &network_bucket("password", client_ip),
        limits.per_network,
        now,
    )
    .await?;
    let account = email.as_str().to_lowercase();
    let network = client_ip.map_or_else(
        || "unknown".to_owned(),
        |ip| NetworkAddress::of(ip).to_string(),
    );
    let buckets = [
        FailureBucket {
            key: bucket("password-failures", "account", &account),
            throttle: Throttle::PASSWORD_FROM_ANYWHERE,
            cleared_on_success: false,
        },
        FailureBucket {
            key: bucket(
                "password-failures",
                "account-network",
                &format!("{account} {network}"),
            ),
            throttle: Throttle::PASSWORD_FROM_ONE_NETWORK,
            cleared_on_success: true,
        },
    ];
    let reserved = match reserve_try(db, &buckets, now).await? {
        Ok(reserved) => reserved,
        Err(retry_at) => {
            return Err(ServiceError::Throttled(retry_message(
                TOO_MANY_WRONG_PASSWORDS,
                retry_at,
                now,
            )));
        }
    };

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
    let Ok(matches) = checks
        .verify(password.to_owned(), stored_hash, &DECOY_HASH)
        .await
    else {
        // Not checked: no failure to count (and none forgiven).
        reserved.not_checked(db).await?;
        return Err(ServiceError::Throttled(BUSY_MESSAGE.into()));
    };

    let txn = begin_write(db).await?;
    let person_id = person.as_ref().map(|person| person.id);
    let signed_in_person = person_id.filter(|_| matches);
    let Some(person_id) = signed_in_person else {
        // The try stays counted as a failure.
        record_audit_event(
            &txn,
            None,
            AuditAction::SignInFailed,
            person_id.map(PersonId::get),
            "Mot de passe",
            client_ip.map(|ip| ip.to_string()).as_deref(),
            now,
        )
        .await?;
        txn.commit().await?;
        return Err(SignInRefusal::WrongCredentials.into());
    };
    reserved.succeeded(&txn).await?;
    let signed_in = start_login_session(&txn, person_id, STAFF_SESSION_LIFETIME, now).await?;
    record_audit_event(
        &txn,
        Some(person_id),
        AuditAction::SignIn,
        Some(person_id.get()),
        "Mot de passe",
        client_ip.map(|ip| ip.to_string()).as_deref(),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(signed_in)
}
