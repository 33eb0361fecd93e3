use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{EmailAddress, PersonId, RateLimits};
use crate::entities::{facilitator, person, staff_member, youth};
use crate::services::begin_write::begin_write;
use crate::services::{
    ANSWER_FLOOR, LinkMail, MailSettings, check_attempt_limits, issue_emailed_link, no_sooner_than,
};

/// A request for an emailed link, made on a public form: what it is counted as and who gets it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum LinkRequest {
    /// A sign-in link, for youths and guest facilitators.
    SignIn,
    /// A password reset link, for staff.
    PasswordReset,
}

impl LinkRequest {
    /// The action its rate limit buckets are named after.
    fn action(self) -> &'static str {
        match self {
            Self::SignIn => "link",
            Self::PasswordReset => "reset",
        }
    }

    fn mail(self) -> LinkMail {
        match self {
            Self::SignIn => LinkMail::SignIn,
            Self::PasswordReset => LinkMail::PasswordReset,
        }
    }

    /// Whether `person` may get this link: staff sign in with their password, and youths and
    /// facilitators have none to reset.
    async fn is_for(
        self,
        db: &impl ConnectionTrait,
        person: PersonId,
    ) -> Result<bool, ServiceError> {
        Ok(match self {
            Self::SignIn => {
                youth::Entity::find_by_id(person).one(db).await?.is_some()
                    || facilitator::Entity::find_by_id(person)
                        .one(db)
                        .await?
                        .is_some()
            }
            Self::PasswordReset => staff_member::Entity::find_by_id(person)
                .one(db)
                .await?
                .is_some(),
        })
    }
}

/// Answers a link request the same way for every address, and no sooner than
/// [`ANSWER_FLOOR`]: only a malformed address and too many requests (from one network, or for
/// one address) are refused; a link is mailed when the address belongs to someone it is for.
pub(crate) async fn answer_link_request(
    db: &(impl ConnectionTrait + TransactionTrait),
    request: LinkRequest,
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    limits: &RateLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    no_sooner_than(ANSWER_FLOOR, async {
        let email = EmailAddress::parse(email)?;
        check_attempt_limits(db, request.action(), client_ip, &email, limits, now).await?;
        let Some(person) = person::Entity::find()
            .filter(person::Column::Email.eq(email.as_str()))
            .filter(person::Column::ArchivedAt.is_null())
            .one(db)
            .await?
        else {
            return Ok(());
        };
        if !request.is_for(db, person.id).await? {
            return Ok(());
        }
        let txn = begin_write(db).await?;
        issue_emailed_link(&txn, &person, request.mail(), mail, now).await?;
        txn.commit().await?;
        Ok(())
    })
    .await
}
