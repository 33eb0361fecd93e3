use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::OneTimeCode;
use crate::domain::sms::{SmsKind, sign_in_code_text};
use crate::domain::{PersonId, PhoneNumber, RateLimits, SignInRefusal};
use crate::entities::{facilitator, person, sms_sign_in_code, youth};
use crate::services::begin_write::begin_write;
use crate::services::sign_in::check_rate_limit::{bucket, network_bucket};
use crate::services::sms::youth_mission_locale::youth_mission_locale;
use crate::services::sms::{SmsToQueue, queue_sms};
use crate::services::{ANSWER_FLOOR, check_rate_limit, no_sooner_than};

/// How long a code sent by SMS signs in.
pub const SIGN_IN_CODE_LIFETIME: Duration = Duration::minutes(10);

/// Sends a six-digit sign-in code by SMS to the youth or guest facilitator whose mobile is
/// `phone`.
///
/// As for emailed links, the answer is the same whether the number is known or not (and nothing
/// is sent for an unknown one), never sooner than [`ANSWER_FLOOR`]; only a malformed number or
/// one that cannot receive SMS is refused, and too many requests, from one network or for one
/// number (`limits`). A number shared by several people on file gets no code: a code must open
/// one account only (they sign in by email, or a counsellor corrects the files).
pub async fn request_sign_in_code(
    db: &(impl ConnectionTrait + TransactionTrait),
    phone: &str,
    client_ip: Option<std::net::IpAddr>,
    limits: &RateLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    no_sooner_than(ANSWER_FLOOR, async {
        let phone = PhoneNumber::parse(phone)?;
        if !phone.is_mobile() {
            return Err(SignInRefusal::NotAMobile.into());
        }
        check_rate_limit(
            db,
            &network_bucket("code", client_ip),
            limits.per_network,
            now,
        )
        .await?;
        check_rate_limit(db, &phone_bucket(&phone), limits.per_account, now).await?;
        let Some(holder) = sole_holder(db, &phone).await? else {
            return Ok(());
        };
        let code = OneTimeCode::generate();
        let txn = begin_write(db).await?;
        sms_sign_in_code::ActiveModel {
            phone: Set(phone.international().to_owned()),
            code_hash: Set(OneTimeCode::hash(phone.international(), &code.code)),
            created_at: Set(now),
            expires_at: Set(now + SIGN_IN_CODE_LIFETIME),
            used_at: Set(None),
            failed_tries: Set(0),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let sms = SmsToQueue {
            to: &phone,
            text: sign_in_code_text(&code.code, SIGN_IN_CODE_LIFETIME.num_minutes()),
            kind: SmsKind::SignInCode,
            person_id: Some(holder),
            session_id: None,
            mission_locale_id: youth_mission_locale(&txn, holder).await?,
        };
        queue_sms(&txn, sms, now).await?;
        txn.commit().await?;
        Ok(())
    })
    .await
}

/// The bucket that counts the codes asked for one number.
pub(crate) fn phone_bucket(phone: &PhoneNumber) -> String {
    bucket("code", "account", phone.international())
}

/// The one active youth or guest facilitator whose number this is, if exactly one.
pub(crate) async fn sole_holder(
    db: &impl ConnectionTrait,
    phone: &PhoneNumber,
) -> Result<Option<PersonId>, ServiceError> {
    let people = person::Entity::find()
        .filter(person::Column::Phone.eq(phone.international()))
        .filter(person::Column::ArchivedAt.is_null())
        .all(db)
        .await?;
    let mut holders = Vec::new();
    for person in people {
        let youth = youth::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .is_some();
        let guest = facilitator::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .is_some();
        if youth || guest {
            holders.push(person.id);
        }
    }
    Ok(match holders.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}
