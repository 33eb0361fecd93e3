use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::RateLimits;
use crate::services::MailSettings;
use crate::services::sign_in::answer_link_request::{LinkRequest, answer_link_request};

/// Emails a single-use sign-in link to the youth or guest facilitator who owns `email`.
///
/// The answer is the same whether the address is known or not (and nothing is sent for an
/// unknown one), so the form cannot be used to find out who is in the programme. Only a
/// malformed address is refused, with a French message, and too many requests (from one
/// network address, or for one email: `limits`) are refused for a while. Every answer takes at
/// least [`crate::services::ANSWER_FLOOR`], so its timing does not tell either.
pub async fn request_sign_in_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    limits: &RateLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    answer_link_request(db, LinkRequest::SignIn, email, client_ip, mail, limits, now).await
}
