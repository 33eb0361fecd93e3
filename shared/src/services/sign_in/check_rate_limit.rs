//! Where the rate limits of `domain::rate_limits` are counted: rows of `rate_limit_events`, one
//! per attempt, in a bucket. The counts live in the database, so every server instance enforces
//! the same limits.
//!
//! Counting and recording are one step: each happens in a write transaction that first takes
//! the bucket's lock (`pg_advisory_xact_lock` on PostgreSQL; on SQLite the write lock that
//! [`begin_write`] takes already serialises writers), so a burst of parallel attempts cannot all
//! read the same count before any of them is recorded.
//!
//! Bucket keys never hold an email or an address in clear: what identifies the account or the
//! network is hashed (SHA-256), the action stays readable (`password:network:9f86d0…`).

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, Statement, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::hash_token;
use crate::domain::{EmailAddress, NetworkAddress, RateLimit, RateLimits, Throttle};
use crate::entities::rate_limit_event;
use crate::services::begin_write::begin_write;

/// A bucket's name: the action and what it counts, the latter hashed.
pub(crate) fn bucket(action: &str, scope: &str, identity: &str) -> String {
    let digest = hash_token(identity);
    format!("{action}:{scope}:{}", &digest[..32])
}

/// The bucket of one email address (whatever its capitals).
pub(crate) fn account_bucket(action: &str, email: &EmailAddress) -> String {
    bucket(action, "account", &email.as_str().to_lowercase())
}

/// The bucket of the client's network (an IPv4 address, an IPv6 /64); unknown clients share one.
pub(crate) fn network_bucket(action: &str, client_ip: Option<IpAddr>) -> String {
    let network = client_ip.map_or_else(
        || "unknown".to_owned(),
        |ip| NetworkAddress::of(ip).to_string(),
    );
    bucket(action, "network", &network)
}

/// Serialises, until `txn` ends, everyone who counts in `bucket` (PostgreSQL; SQLite's write
/// lock is already held by [`begin_write`]).
async fn lock_bucket(txn: &impl ConnectionTrait, bucket: &str) -> Result<(), ServiceError> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [bucket.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Counts one attempt in `bucket`, or refuses it when the bucket is full.
pub async fn check_rate_limit(
    db: &(impl ConnectionTrait + TransactionTrait),
    bucket: &str,
    limit: RateLimit,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let since = now - limit.window;
    let txn = begin_write(db).await?;
    lock_bucket(&txn, bucket).await?;
    rate_limit_event::Entity::delete_many()
        .filter(rate_limit_event::Column::Bucket.eq(bucket))
        .filter(rate_limit_event::Column::At.lte(since))
        .exec(&txn)
        .await?;
    let recent = rate_limit_event::Entity::find()
        .filter(rate_limit_event::Column::Bucket.eq(bucket))
        .filter(rate_limit_event::Column::At.gt(since))
        .count(&txn)
        .await?;
    if recent >= limit.max {
        txn.commit().await?;
        // The bucket's name is enough to follow an attack; it names nobody.
        tracing::warn!(bucket, "rate limit reached");
        return Err(ServiceError::RateLimited);
    }
    rate_limit_event::ActiveModel {
        bucket: Set(bucket.to_owned()),
        at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Counts one attempt at `action` (`link`, `reset`) against both hard limits of `limits`: per
/// network and per email address.
pub(crate) async fn check_attempt_limits(
    db: &(impl ConnectionTrait + TransactionTrait),
    action: &str,
    client_ip: Option<IpAddr>,
    email: &EmailAddress,
    limits: &RateLimits,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    check_rate_limit(
        db,
        &network_bucket(action, client_ip),
        limits.per_network,
        now,
    )
    .await?;
    check_rate_limit(db, &account_bucket(action, email), limits.per_account, now).await
}

/// A try counted as failed before it is checked (see [`reserve_try`]); [`Self::succeeded`]
/// takes it back.
#[must_use = "a try that succeeds must be taken back"]
pub(crate) struct ReservedTry {
    rows: Vec<i32>,
    /// Buckets whose failures a success clears (the failures of this network).
    cleared_on_success: Vec<String>,
}

impl ReservedTry {
    /// The guess was never checked (no turn to check it): it counts neither way.
    pub(crate) async fn not_checked(self, db: &impl ConnectionTrait) -> Result<(), ServiceError> {
        rate_limit_event::Entity::delete_many()
            .filter(rate_limit_event::Column::Id.is_in(self.rows))
            .exec(db)
            .await?;
        Ok(())
    }

    /// The try succeeded: it was no failure, and the failures before it are forgiven where
    /// asked.
    pub(crate) async fn succeeded(self, db: &impl ConnectionTrait) -> Result<(), ServiceError> {
        rate_limit_event::Entity::delete_many()
            .filter(rate_limit_event::Column::Id.is_in(self.rows))
            .exec(db)
            .await?;
        if !self.cleared_on_success.is_empty() {
            rate_limit_event::Entity::delete_many()
                .filter(rate_limit_event::Column::Bucket.is_in(self.cleared_on_success))
                .exec(db)
                .await?;
        }
        Ok(())
    }
}

/// One bucket of failures and its throttle.
pub(crate) struct FailureBucket {
    pub key: String,
    pub throttle: Throttle,
    /// Whether a success clears this bucket's failures.
    pub cleared_on_success: bool,
}

/// Before checking a guess (a password, a code): refuses it with the time to come back when a
/// bucket's throttle says wait, or records it as a failure in every bucket — in one transaction
/// holding the first bucket's lock, so parallel guesses are counted one after another.
pub(crate) async fn reserve_try(
    db: &(impl ConnectionTrait + TransactionTrait),
    buckets: &[FailureBucket],
    now: DateTime<Utc>,
) -> Result<Result<ReservedTry, DateTime<Utc>>, ServiceError> {
    let txn = begin_write(db).await?;
    if let Some(first) = buckets.first() {
        lock_bucket(&txn, &first.key).await?;
    }
    let mut retry_at: Option<DateTime<Utc>> = None;
    for bucket in buckets {
        let since = now - bucket.throttle.window;
        rate_limit_event::Entity::delete_many()
            .filter(rate_limit_event::Column::Bucket.eq(&bucket.key))
            .filter(rate_limit_event::Column::At.lte(since))
            .exec(&txn)
            .await?;
        let recent = rate_limit_event::Entity::find()
            .filter(rate_limit_event::Column::Bucket.eq(&bucket.key))
            .filter(rate_limit_event::Column::At.gt(since))
            .order_by_desc(rate_limit_event::Column::At);
        let count = recent.clone().count(&txn).await?;
        let last = recent.one(&txn).await?.map(|row| row.at);
        if let Some(next) = bucket.throttle.wait_until(count, last, now) {
            retry_at = Some(retry_at.map_or(next, |other| other.max(next)));
        }
    }
    if let Some(retry_at) = retry_at {
        txn.commit().await?;
        let first = buckets.first().map(|bucket| bucket.key.as_str());
        tracing::warn!(bucket = first, "throttled: failed too often");
        return Ok(Err(retry_at));
    }
    let mut rows = Vec::with_capacity(buckets.len());
    for bucket in buckets {
        let row = rate_limit_event::ActiveModel {
            bucket: Set(bucket.key.clone()),
            at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        rows.push(row.id);
    }
    txn.commit().await?;
    Ok(Ok(ReservedTry {
        rows,
        cleared_on_success: buckets
            .iter()
            .filter(|bucket| bucket.cleared_on_success)
            .map(|bucket| bucket.key.clone())
            .collect(),
    }))
}

/// How long every answer to a link or reset request takes at least, whether the address is
/// known (a link written, a mail composed and queued: a few tens of milliseconds) or not
/// (nothing to do): the same answer at the same moment tells nothing. Well above the work a
/// known address costs, even on a busy server.
pub const ANSWER_FLOOR: std::time::Duration = std::time::Duration::from_millis(400);

/// Runs `work`, then waits until `floor` has passed since it started, whatever its outcome.
pub async fn no_sooner_than<T>(floor: std::time::Duration, work: impl Future<Output = T>) -> T {
    let started = tokio::time::Instant::now();
    let result = work.await;
    tokio::time::sleep_until(started + floor).await;
    result
}

/// The network of a client (IPv4 address, IPv6 /64), hashed: what the check-in screen records
/// to tell a check-in from elsewhere, without storing an address.
pub(crate) fn hashed_network(client_ip: IpAddr) -> String {
    hash_token(&NetworkAddress::of(client_ip).to_string())
}
