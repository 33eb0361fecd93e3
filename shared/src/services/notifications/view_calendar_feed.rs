use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use crate::ServiceError;
use crate::auth::hash_token;
use crate::domain::{EnrolmentStatus, SessionId, SessionStatus};
use crate::entities::{
    calendar_feed, calendar_invitation, enrolment, person, session_counsellor, session_event,
    session_facilitator, workshop_session,
};
use crate::mail::calendar::feed_calendar;
use crate::mail::session_wording::Role;
use crate::services::MailSettings;
use crate::services::notifications::session_mail::SessionForMail;

/// A feed as served: the calendar text and its entity tag.
pub struct CalendarFeed {
    pub body: String,
    /// A strong ETag (quoted): the same sessions give the same text, so a calendar that asks
    /// again gets `304 Not Modified`.
    pub etag: String,
}

/// How far back a feed goes: recent sessions stay visible in the calendar.
const PAST_DAYS: i64 = 90;

/// The calendar behind a feed token: the person's sessions (a youth's registered places,
/// the sessions a facilitator or counsellor leads), published and not cancelled, from three
/// months back. No METHOD and no attendees: other people's addresses never appear. `None` for
/// an unknown or revoked token, or a person who was archived.
pub async fn view_calendar_feed(
    db: &impl ConnectionTrait,
    mail: &MailSettings,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<CalendarFeed>, ServiceError> {
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(hash_token(token)))
        .filter(calendar_feed::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(owner) = person::Entity::find_by_id(feed.person_id).one(db).await? else {
        return Ok(None);
    };
    if owner.archived_at.is_some() {
        return Ok(None);
    }

    let mut roles: HashMap<SessionId, Role> = HashMap::new();
    for place in enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.eq(owner.id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .all(db)
        .await?
    {
        roles.insert(place.session_id, Role::Youth);
    }
    for link in session_facilitator::Entity::find()
        .filter(session_facilitator::Column::PersonId.eq(owner.id))
        .all(db)
        .await?
    {
        roles.insert(link.session_id, Role::Facilitator);
    }
    for link in session_counsellor::Entity::find()
        .filter(session_counsellor::Column::PersonId.eq(owner.id))
        .all(db)
        .await?
    {
        roles.entry(link.session_id).or_insert(Role::Counsellor);
    }
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::Id.is_in(roles.keys().copied()))
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::EndsAt.gte(now - Duration::days(PAST_DAYS)))
        .all(db)
        .await?;
    let ids: BTreeSet<SessionId> = sessions.iter().map(|session| session.id).collect();
    // Each person's copy keeps the UID their invitations carried.
    let uids: HashMap<SessionId, String> = calendar_invitation::Entity::find()
        .filter(calendar_invitation::Column::PersonId.eq(owner.id))
        .filter(calendar_invitation::Column::SessionId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|copy| (copy.session_id, copy.uid))
        .collect();
    // DTSTAMP is the session's last change, not the time of the request: the same sessions
    // give the same text, hence the same ETag.
    let mut changed: HashMap<SessionId, DateTime<Utc>> = HashMap::new();
    for event in session_event::Entity::find()
        .filter(session_event::Column::SessionId.is_in(ids.iter().copied()))
        .all(db)
        .await?
    {
        let latest = changed.entry(event.session_id).or_insert(event.at);
        *latest = (*latest).max(event.at);
    }

    let mut events = Vec::with_capacity(sessions.len());
    let mut sessions = sessions;
    sessions.sort_by_key(|session| (session.starts_at, session.id));
    for session in &sessions {
        let about = SessionForMail::load(db, mail, session.id).await?;
        let uid = uids
            .get(&session.id)
            .cloned()
            .unwrap_or_else(|| about.uid.clone());
        let role = roles.get(&session.id).copied().unwrap_or(Role::Youth);
        let dtstamp = changed
            .get(&session.id)
            .copied()
            .unwrap_or(session.starts_at);
        events.push(about.event(mail, role, &uid, session.sequence, dtstamp));
    }
    let name = format!("Ateliers — {} {}", owner.first_name, owner.last_name);
    let body = feed_calendar(&name, &events);
    let etag = format!(
        "\"{}\"",
        Sha256::digest(body.as_bytes())
            .iter()
            .take(16)
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
    );
    Ok(Some(CalendarFeed { body, etag }))
}
