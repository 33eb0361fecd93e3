use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::ServiceError;
use crate::domain::sms::{SmsKind, fold_to_gsm, measure};
use crate::domain::{MissionLocaleId, PersonId, PhoneNumber, SessionId};
use crate::entities::sms_outbox;

/// An SMS about to be queued.
#[derive(Clone, Debug)]
pub(crate) struct SmsToQueue<'a> {
    pub to: &'a PhoneNumber,
    pub text: String,
    pub kind: SmsKind,
    pub person_id: Option<PersonId>,
    pub session_id: Option<SessionId>,
    /// Who pays for it.
    pub mission_locale_id: Option<MissionLocaleId>,
}

/// Writes an SMS to the outbox, in the caller's transaction, to be sent at once. The text is
/// folded to the GSM alphabet and its segments counted now, so the cost is known before it is
/// sent. Returns `None`, queuing nothing, for a number that is not a mobile.
pub(crate) async fn queue_sms(
    db: &impl ConnectionTrait,
    sms: SmsToQueue<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i32>, ServiceError> {
    if !sms.to.is_mobile() {
        return Ok(None);
    }
    let body = fold_to_gsm(&sms.text);
    let length = measure(&body);
    let queued = sms_outbox::ActiveModel {
        person_id: Set(sms.person_id),
        session_id: Set(sms.session_id),
        mission_locale_id: Set(sms.mission_locale_id),
        kind: Set(sms.kind),
        to_number: Set(sms.to.international().to_owned()),
        body: Set(body),
        encoding: Set(length.encoding),
        segments: Set(i32::try_from(length.segments).unwrap_or(i32::MAX)),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(queued.id))
}
