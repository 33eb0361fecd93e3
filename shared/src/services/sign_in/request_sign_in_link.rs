use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::EmailAddress;
use crate::entities::{facilitator, person, youth};
use crate::services::begin_write::begin_write;
use crate::services::{
    ANSWER_FLOOR, LinkMail, MailSettings, check_attempt_limits, issue_emailed_link, no_sooner_than,
};

/// Emails a single-use sign-in link to the youth or guest facilitator who owns `email`.
///
/// The answer is the same whether the address is known or not (and nothing is sent for an
/// unknown one), so the form cannot be used to find out who is in the programme. Only a
/// malformed address is refused, with a French message, and too many requests (from one
/// network address, or for one email) are refused for a while. Every answer takes at least
/// [`ANSWER_FLOOR`], so its timing does not tell either.
pub async fn request_sign_in_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    no_sooner_than(
        ANSWER_FLOOR,
        send_link_if_known(db, email, client_ip, mail, now),
    )
    .await
}

async fn send_link_if_known(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let email = EmailAddress::parse(email)?;
    check_attempt_limits(db, "link", client_ip, &email, now).await?;
    let Some(person) = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::ArchivedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let signs_in_by_link = youth::Entity::find_by_id(person.id)
        .one(db)
        .await?
        .is_some()
        || facilitator::Entity::find_by_id(person.id)
            .one(db)
            .await?
            .is_some();
    if !signs_in_by_link {
        return Ok(()); // staff sign in with their password
    }
    let txn = begin_write(db).await?;
    issue_emailed_link(&txn, &person, LinkMail::SignIn, mail, now).await?;
    txn.commit().await?;
    Ok(())
}
