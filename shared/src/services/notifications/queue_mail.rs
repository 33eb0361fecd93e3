use chrono::{DateTime, Utc};
use lettre::Message;
use lettre::message::Mailbox;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::ServiceError;
use crate::domain::{PersonId, SessionId};
use crate::entities::{mail_outbox, person};
use crate::mail::compose::{Envelope, MailText, compose};
use crate::services::MailSettings;

/// Writes `message` to the outbox, to be delivered by the dispatcher. Call it with the
/// transaction of the change that causes the mail: both are saved, or neither.
///
/// The message must carry its Message-ID (build it with `.message_id(None)` to get a random
/// one): the outbox sends exactly these bytes, retries included.
pub async fn queue_mail(
    db: &impl ConnectionTrait,
    message: &Message,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    queue_mail_about(db, message, MailAbout::default(), now).await
}

/// Whom a queued message is for and which session it is about, when it is about one: a
/// counsellor finds an undelivered message by them.
#[derive(Clone, Copy, Debug, Default)]
pub struct MailAbout {
    pub person_id: Option<PersonId>,
    pub session_id: Option<SessionId>,
}

/// [`queue_mail`], recording whom and what the message is about.
pub async fn queue_mail_about(
    db: &impl ConnectionTrait,
    message: &Message,
    about: MailAbout,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    let message_id = message
        .headers()
        .get_raw("Message-ID")
        .ok_or_else(|| internal("the message has no Message-ID"))?
        .to_owned();
    let envelope = message.envelope();
    let envelope_from = envelope
        .from()
        .map(ToString::to_string)
        .ok_or_else(|| internal("the message has no sender"))?;
    let envelope_to = envelope
        .to()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let subject = message
        .headers()
        .get_raw("Subject")
        .unwrap_or_default()
        .to_owned();
    let content = String::from_utf8(message.formatted())
        .map_err(|_| internal("the formatted message is not UTF-8"))?;

    let row = mail_outbox::ActiveModel {
        message_id: Set(message_id),
        envelope_from: Set(envelope_from),
        envelope_to: Set(envelope_to),
        subject: Set(subject),
        content: Set(content),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        person_id: Set(about.person_id),
        session_id: Set(about.session_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Where mail to `person` goes: their name and address, when they have a valid one.
pub(crate) fn mailbox_of(person: &person::Model) -> Option<Mailbox> {
    let email = person.email.as_deref()?.parse().ok()?;
    Some(Mailbox::new(
        Some(format!("{} {}", person.first_name, person.last_name)),
        email,
    ))
}

/// Composes `text` (no calendar part) from Ateliers to `to` and queues it, as
/// [`queue_mail_about`]: for the mail that tells staff what needs them.
pub(crate) async fn queue_text_about(
    db: &impl ConnectionTrait,
    mail: &MailSettings,
    to: Mailbox,
    text: &MailText,
    about: MailAbout,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    let message = compose(
        Envelope {
            from: &mail.from,
            reply_to: None,
            to,
        },
        text,
        None,
    )
    .map_err(|error| internal(&format!("composing it failed: {error}")))?;
    queue_mail_about(db, &message, about, now).await
}

fn internal(what: &str) -> ServiceError {
    ServiceError::Database(sea_orm::DbErr::Custom(format!("cannot queue mail: {what}")))
}
