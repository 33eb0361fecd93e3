use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::SecretToken;
use crate::domain::{Actor, CalendarFeedLink, MyCalendarFeed};
use crate::entities::calendar_feed;
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;

/// The signed-in person's private calendar feed. The first time (or after
/// `revoke_calendar_feed`) it is made and its address returned, this once: only the SHA-256
/// of its token is stored, like sign-in links, so a leaked database gives no feed. Afterwards
/// the feed keeps working and the answer only says since when.
pub async fn open_calendar_feed<C>(
    db: &C,
    actor: &Actor,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<MyCalendarFeed, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let person_id = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    let txn = begin_write(db).await?;
    let current = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::PersonId.eq(person_id))
        .filter(calendar_feed::Column::RevokedAt.is_null())
        .order_by_desc(calendar_feed::Column::Id)
        .one(&txn)
        .await?;
    if let Some(feed) = current {
        return Ok(MyCalendarFeed::Existing {
            created_at: feed.created_at,
        });
    }
    let secret = SecretToken::generate();
    let feed = calendar_feed::ActiveModel {
        person_id: Set(person_id),
        token_hash: Set(secret.hash.clone()),
        created_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    // As stored (PostgreSQL keeps microseconds): the same instant a later visit reports.
    Ok(MyCalendarFeed::New(feed_link(
        mail,
        &secret.token,
        feed.created_at,
    )))
}

fn feed_link(mail: &MailSettings, token: &str, created_at: DateTime<Utc>) -> CalendarFeedLink {
    let https_url = format!(
        "{}/calendrier/{token}.ics",
        mail.site_url.trim_end_matches('/'),
    );
    let webcal_url = match https_url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => https_url.clone(),
    };
    let google_url = format!(
        "https://calendar.google.com/calendar/r?cid={}",
        url_encode(&webcal_url)
    );
    CalendarFeedLink {
        https_url,
        webcal_url,
        google_url,
        created_at,
    }
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}
