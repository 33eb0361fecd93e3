use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

use crate::ServiceError;
use crate::domain::EmailAddress;
use crate::entities::rate_limit_event;

/// At most `max` attempts per `window`.
#[derive(Clone, Copy, Debug)]
pub struct RateLimit {
    pub max: u64,
    pub window: Duration,
}

impl RateLimit {
    /// For one email address: enough for typos and a lost mail, too few to guess a password.
    pub const PER_ACCOUNT: RateLimit = RateLimit {
        max: 5,
        window: Duration::minutes(15),
    };
    /// For one network address. Generous: a whole workshop room signs in from one Mission
    /// Locale's wifi, behind one address.
    pub const PER_NETWORK_ADDRESS: RateLimit = RateLimit {
        max: 100,
        window: Duration::minutes(15),
    };
}

/// Counts one attempt in `bucket`, or refuses it when the bucket is full. The counts live in the
/// database, so every server instance enforces the same limit.
pub async fn check_rate_limit(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: RateLimit,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let since = now - limit.window;
    rate_limit_event::Entity::delete_many()
        .filter(rate_limit_event::Column::Bucket.eq(bucket))
        .filter(rate_limit_event::Column::At.lte(since))
        .exec(db)
        .await?;
    let recent = rate_limit_event::Entity::find()
        .filter(rate_limit_event::Column::Bucket.eq(bucket))
        .filter(rate_limit_event::Column::At.gt(since))
        .count(db)
        .await?;
    if recent >= limit.max {
        tracing::warn!(bucket, "rate limit reached");
        return Err(ServiceError::RateLimited);
    }
    rate_limit_event::ActiveModel {
        bucket: Set(bucket.to_owned()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Counts one attempt at `action` (`password`, `link`, `reset`) against both limits: per
/// network address (when known) and per email address.
pub(crate) async fn check_attempt_limits(
    db: &impl ConnectionTrait,
    action: &str,
    client_ip: Option<&str>,
    email: &EmailAddress,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if let Some(ip) = client_ip {
        check_rate_limit(
            db,
            &format!("{action}:ip:{ip}"),
            RateLimit::PER_NETWORK_ADDRESS,
            now,
        )
        .await?;
    }
    check_rate_limit(
        db,
        &format!("{action}:email:{}", email.as_str().to_lowercase()),
        RateLimit::PER_ACCOUNT,
        now,
    )
    .await
}
