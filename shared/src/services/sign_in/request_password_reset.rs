use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::EmailAddress;
use crate::entities::{person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::{
    ANSWER_FLOOR, LinkMail, MailSettings, check_attempt_limits, issue_emailed_link, no_sooner_than,
};

/// Emails a staff member a link to choose a new password. Same answer for every address, and
/// no sooner than [`ANSWER_FLOOR`]: the work done for a known address does not show in the
/// answer's timing.
pub async fn request_password_reset(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    no_sooner_than(
        ANSWER_FLOOR,
        send_reset_link_if_staff(db, email, client_ip, mail, now),
    )
    .await
}

async fn send_reset_link_if_staff(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let email = EmailAddress::parse(email)?;
    check_attempt_limits(db, "reset", client_ip, &email, now).await?;
    let Some(person) = person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .filter(person::Column::ArchivedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(());
    };
    if staff_member::Entity::find_by_id(person.id)
        .one(db)
        .await?
        .is_none()
    {
        return Ok(()); // youths and facilitators have no password
    }
    let txn = begin_write(db).await?;
    issue_emailed_link(&txn, &person, LinkMail::PasswordReset, mail, now).await?;
    txn.commit().await?;
    Ok(())
}
