use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::RateLimits;
use crate::services::MailSettings;
use crate::services::sign_in::answer_link_request::{LinkRequest, answer_link_request};

/// Emails a staff member a link to choose a new password. Same answer for every address, and
/// no sooner than [`crate::services::ANSWER_FLOOR`]: the work done for a known address does not
/// show in the answer's timing.
pub async fn request_password_reset(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    client_ip: Option<std::net::IpAddr>,
    mail: &MailSettings,
    limits: &RateLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    answer_link_request(
        db,
        LinkRequest::PasswordReset,
        email,
        client_ip,
        mail,
        limits,
        now,
    )
    .await
}
