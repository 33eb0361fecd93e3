use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::SecretToken;
use crate::domain::{Actor, CalendarFeedLink};
use crate::entities::calendar_feed;
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;

/// The signed-in person's private calendar feed, created the first time they ask for it; with
/// `renew`, the current address stops working and a new one replaces it (a lost phone, a link
/// shared by mistake).
pub async fn open_calendar_feed<C>(
    db: &C,
    actor: &Actor,
    renew: bool,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<CalendarFeedLink, ServiceError>
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
    let feed = match current {
        Some(feed) if !renew => feed,
        current => {
            if let Some(feed) = current {
                let mut revoked: calendar_feed::ActiveModel = feed.into();
                revoked.revoked_at = Set(Some(now));
                revoked.update(&txn).await?;
            }
            calendar_feed::ActiveModel {
                person_id: Set(person_id),
                token: Set(SecretToken::generate().token),
                created_at: Set(now),
                revoked_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    txn.commit().await?;
    Ok(feed_link(mail, &feed))
}

fn feed_link(mail: &MailSettings, feed: &calendar_feed::Model) -> CalendarFeedLink {
    let https_url = format!(
        "{}/calendrier/{}.ics",
        mail.site_url.trim_end_matches('/'),
        feed.token
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
        created_at: feed.created_at,
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
