use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Statement};

use crate::ServiceError;
use crate::domain::{
    Actor, Audience, EnrolmentRefusal, MissionLocaleId, PersonId, RoomId, SessionCard, SessionId,
    SessionStatus, YouthFacts, check_self_enrolment,
};
use crate::entities::{mission_locale, room, site, workshop_session};
use crate::services::catalogue::workshop_types::all_workshop_types;
use crate::services::enrolment::enrolment_records::{
    seat_counts, session_facts, standings_of, youth_facts,
};
use crate::services::planning::session_records::load_bundles;

/// A youth's phone should not receive an endless page: the list stops at this many sessions.
const MAX_LISTED: u64 = 200;

/// Published sessions that have not started yet at `now`, soonest first. A signed-in youth sees
/// those whose audience admits them; anyone else the public list, which leaves out sessions
/// reserved to given counsellors' youths. The public list comes from `cache` while nothing has
/// changed (see [`PublicListCache`]).
pub async fn list_upcoming_sessions(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
    cache: &PublicListCache,
) -> Result<Vec<SessionCard>, ServiceError> {
    let shown = match actor {
        Actor::Youth { person_id } => match youth_facts(db, *person_id).await? {
            Some(youth) => Shown::ForYouth(*person_id, youth),
            None => Shown::Public,
        },
        _ => Shown::Public,
    };
    match shown {
        Shown::Public => cache.public_list(db, now).await,
        shown => upcoming_sessions(db, shown, MAX_LISTED, now).await,
    }
}

/// The public list as last built, for the anonymous visitors of `/ateliers` — the page a
/// Monday-morning rush hits hardest, the same for everyone.
///
/// Reading it again costs one query instead of eight: a stamp of the last session change, the
/// last change of places and the last audit event (catalogue, venues, erasures), each the
/// greatest id of its table. A different stamp, a clock gone back, or [`PUBLIC_LIST_KEPT_FOR`]
/// elapsed (the bound on staleness: on PostgreSQL a transaction holding a smaller id may commit
/// after a greater one was read, and a session may start) and the list is built again. Sessions
/// that have started since it was built are left out on the way out, as a fresh build would.
///
/// One per app state (not a static: tests run several apps in one process); cloning shares it.
#[derive(Clone, Default)]
pub struct PublicListCache {
    kept: Arc<Mutex<Option<Arc<KeptList>>>>,
}

/// How long the public list may be served without being built again.
pub const PUBLIC_LIST_KEPT_FOR: Duration = Duration::from_secs(2);

impl std::fmt::Debug for PublicListCache {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("PublicListCache")
    }
}

struct KeptList {
    stamp: ChangeStamp,
    built: Instant,
    now: DateTime<Utc>,
    cards: Vec<SessionCard>,
}

/// The greatest ids of `session_events`, `enrolment_events` and `audit_events`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct ChangeStamp([Option<i64>; 3]);

impl PublicListCache {
    async fn public_list(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<Utc>,
    ) -> Result<Vec<SessionCard>, ServiceError> {
        let stamp = change_stamp(db).await?;
        let kept = self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone();
        if let Some(kept) = kept.filter(|kept| {
            kept.stamp == stamp && kept.now <= now && kept.built.elapsed() < PUBLIC_LIST_KEPT_FOR
        }) {
            return Ok(kept
                .cards
                .iter()
                .filter(|card| card.starts_at >= now)
                .cloned()
                .collect());
        }
        let cards = upcoming_sessions(db, Shown::Public, MAX_LISTED, now).await?;
        *self
            .kept
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(KeptList {
            stamp,
            built: Instant::now(),
            now,
            cards: cards.clone(),
        }));
        Ok(cards)
    }
}

async fn change_stamp(db: &impl ConnectionTrait) -> Result<ChangeStamp, ServiceError> {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT (SELECT MAX(id) FROM session_events) AS sessions, \
             (SELECT MAX(id) FROM enrolment_events) AS places, \
             (SELECT MAX(id) FROM audit_events) AS audit",
        ))
        .await?;
    let Some(row) = row else {
        return Ok(ChangeStamp([None; 3]));
    };
    let id = |column: &str| -> Result<Option<i64>, ServiceError> {
        Ok(row
            .try_get::<Option<i32>>("", column)
            .map(|id| id.map(i64::from))
            .or_else(|_| row.try_get::<Option<i64>>("", column))?)
    };
    Ok(ChangeStamp([id("sessions")?, id("places")?, id("audit")?]))
}

/// Whose list it is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Shown {
    /// Anyone: sessions open to the federation or to a Mission Locale's youths.
    Public,
    /// A youth (their person id): the sessions they may join (audience, programme, age, window
    /// not closed) and those where they hold a place.
    ForYouth(PersonId, YouthFacts),
    /// Staff: every published session of one Mission Locale.
    OfMissionLocale(MissionLocaleId),
}

/// The next `limit` published sessions shown to `shown`.
pub(crate) async fn upcoming_sessions(
    db: &impl ConnectionTrait,
    shown: Shown,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<SessionCard>, ServiceError> {
    let mut query = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::StartsAt.gte(now));
    if let Shown::OfMissionLocale(mission_locale_id) = shown {
        query = query.filter(workshop_session::Column::MissionLocaleId.eq(mission_locale_id));
    }
    let sessions = query
        .order_by_asc(workshop_session::Column::StartsAt)
        .order_by_asc(workshop_session::Column::Id)
        .all(db)
        .await?;
    let held = match shown {
        Shown::ForYouth(youth_id, _) => {
            standings_of(
                db,
                youth_id,
                sessions.iter().map(|session| session.id).collect(),
            )
            .await?
        }
        Shown::Public | Shown::OfMissionLocale(_) => HashMap::new(),
    };
    let bundles: Vec<_> = load_bundles(db, sessions)
        .await?
        .into_iter()
        .filter(|bundle| match shown {
            Shown::Public => !matches!(bundle.audience, Audience::Counsellors(_)),
            Shown::ForYouth(_, youth) => {
                held.contains_key(&bundle.session.id) && bundle.status() == SessionStatus::Published
                    || matches!(
                        check_self_enrolment(&session_facts(bundle), &youth, None, now),
                        Ok(()) | Err(EnrolmentRefusal::NotYetOpen { .. })
                    )
            }
            Shown::OfMissionLocale(_) => true,
        })
        .take(limit as usize)
        .collect();

    let youth_id = match shown {
        Shown::ForYouth(youth_id, _) => Some(youth_id),
        Shown::Public | Shown::OfMissionLocale(_) => None,
    };
    session_cards(
        db,
        bundles.into_iter().map(|bundle| bundle.session).collect(),
        youth_id,
    )
    .await
}

/// The cards of `sessions`, in their order, with seats left and, for `youth_id`, their place.
pub(crate) async fn session_cards(
    db: &impl ConnectionTrait,
    sessions: Vec<workshop_session::Model>,
    youth_id: Option<PersonId>,
) -> Result<Vec<SessionCard>, ServiceError> {
    let session_ids: Vec<SessionId> = sessions.iter().map(|session| session.id).collect();
    let seats = seat_counts(db, session_ids.clone()).await?;
    let standings = match youth_id {
        Some(youth_id) => standings_of(db, youth_id, session_ids).await?,
        None => HashMap::new(),
    };
    let workshop_types = all_workshop_types(db).await?;
    let missions_locales: HashMap<MissionLocaleId, String> = mission_locale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|ml| (ml.id, ml.name))
        .collect();
    let room_ids: Vec<RoomId> = sessions
        .iter()
        .filter_map(|session| session.room_id)
        .collect();
    let rooms: HashMap<RoomId, (room::Model, site::Model)> = room::Entity::find()
        .filter(room::Column::Id.is_in(room_ids))
        .find_also_related(site::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(room, site)| site.map(|site| (room.id, (room, site))))
        .collect();

    sessions
        .into_iter()
        .map(|session| {
            let (registered, waiting) = seats.get(&session.id).copied().unwrap_or_default();
            let capacity = u32::try_from(session.capacity).unwrap_or(0);
            let workshop_type = workshop_types
                .get(&session.workshop_type_id)
                .ok_or_else(|| corrupt("workshop type missing"))?;
            let (venue_name, venue_address) = match session.room_id.and_then(|id| rooms.get(&id)) {
                Some((room, site)) => (
                    format!("{} — {}", site.name, room.name),
                    site.address.clone(),
                ),
                None => (session.venue_name, session.venue_address),
            };
            Ok(SessionCard {
                id: session.id,
                title: workshop_type.title.clone(),
                theme: workshop_type.theme,
                mission_locale: missions_locales
                    .get(&session.mission_locale_id)
                    .cloned()
                    .unwrap_or_default(),
                venue_name,
                venue_address,
                starts_at: session.starts_at,
                ends_at: session.ends_at,
                capacity,
                seats_left: capacity.saturating_sub(registered),
                waiting,
                standing: standings.get(&session.id).copied(),
            })
        })
        .collect()
}

fn corrupt(what: &str) -> ServiceError {
    ServiceError::Database(sea_orm::DbErr::Custom(format!(
        "inconsistent session row: {what}"
    )))
}
