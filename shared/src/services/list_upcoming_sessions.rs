use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, LoaderTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::ServiceError;
use crate::domain::{SessionCard, SessionStatus, Theme};
use crate::entities::{mission_locale, workshop_session, workshop_type};

/// A youth's phone should not receive an endless page: the list stops at this many sessions.
const MAX_LISTED: u64 = 200;

/// Published sessions that have not started yet at `now`, soonest first.
pub async fn list_upcoming_sessions(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<Vec<SessionCard>, ServiceError> {
    upcoming_sessions(db, None, MAX_LISTED, now).await
}

/// The next `limit` published sessions, of one Mission Locale or of all.
pub(crate) async fn upcoming_sessions(
    db: &impl ConnectionTrait,
    mission_locale_id: Option<i32>,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<SessionCard>, ServiceError> {
    let mut query = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published.code()))
        .filter(workshop_session::Column::StartsAt.gte(now));
    if let Some(mission_locale_id) = mission_locale_id {
        query = query.filter(workshop_session::Column::MissionLocaleId.eq(mission_locale_id));
    }
    let sessions = query
        .order_by_asc(workshop_session::Column::StartsAt)
        .order_by_asc(workshop_session::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let workshop_types = sessions.load_one(workshop_type::Entity, db).await?;
    let missions_locales = sessions.load_one(mission_locale::Entity, db).await?;

    sessions
        .into_iter()
        .zip(workshop_types)
        .zip(missions_locales)
        .map(|((session, workshop_type), mission_locale)| {
            let workshop_type = workshop_type.ok_or_else(|| corrupt("workshop type missing"))?;
            let mission_locale = mission_locale.ok_or_else(|| corrupt("mission locale missing"))?;
            Ok(SessionCard {
                id: session.id,
                title: workshop_type.title,
                theme: Theme::parse(&workshop_type.theme).unwrap_or(Theme::Other),
                mission_locale: mission_locale.name,
                venue_name: session.venue_name,
                venue_address: session.venue_address,
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                capacity: u32::try_from(session.capacity).unwrap_or(0),
            })
        })
        .collect()
}

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Database(sea_orm::DbErr::Custom(format!(
        "inconsistent session row: {what}"
    )))
}
