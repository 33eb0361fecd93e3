use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Select, Statement,
};

use crate::ServiceError;
use crate::domain::{
    Actor, Audience, EnrolmentRefusal, EnrolmentStatus, MissionLocaleId, PersonId, RoomId,
    SessionCard, SessionId, SessionStatus, YouthFacts, check_self_enrolment,
};
use crate::entities::{enrolment, mission_locale, room, session_audience, site, workshop_session};
use crate::services::catalogue::workshop_types::all_workshop_types;
use crate::services::enrolment::enrolment_records::{
    seat_counts, session_facts, standings_of, youth_facts,
};
use crate::services::planning::session_records::{load_bundles, room_label};

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
///
/// The query asks the database for the audience (and, for a youth, the days they may attend) so
/// that a national database is not read whole; a youth's candidates are then judged one by one
/// by [`check_self_enrolment`], a page at a time, until `limit` are kept.
pub(crate) async fn upcoming_sessions(
    db: &impl ConnectionTrait,
    shown: Shown,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<SessionCard>, ServiceError> {
    let page_size = limit.max(MIN_PAGE);
    let mut kept = Vec::new();
    let mut after: Option<(DateTime<Utc>, SessionId)> = None;
    loop {
        let mut query = candidates(shown, now);
        if let Some((starts_at, id)) = after {
            query = query.filter(
                Condition::any()
                    .add(workshop_session::Column::StartsAt.gt(starts_at))
                    .add(
                        Condition::all()
                            .add(workshop_session::Column::StartsAt.eq(starts_at))
                            .add(workshop_session::Column::Id.gt(id)),
                    ),
            );
        }
        let page = query
            .order_by_asc(workshop_session::Column::StartsAt)
            .order_by_asc(workshop_session::Column::Id)
            .limit(page_size)
            .all(db)
            .await?;
        let complete = (page.len() as u64) < page_size;
        after = page.last().map(|session| (session.starts_at, session.id));
        match shown {
            Shown::ForYouth(youth_id, youth) => {
                let held = standings_of(db, youth_id, page.iter().map(|s| s.id).collect()).await?;
                kept.extend(
                    load_bundles(db, page)
                        .await?
                        .into_iter()
                        .filter(|bundle| {
                            held.contains_key(&bundle.session.id)
                                || matches!(
                                    check_self_enrolment(&session_facts(bundle), &youth, None, now),
                                    Ok(()) | Err(EnrolmentRefusal::NotYetOpen { .. })
                                )
                        })
                        .map(|bundle| bundle.session),
                );
            }
            Shown::Public | Shown::OfMissionLocale(_) => kept.extend(page),
        }
        if complete || kept.len() as u64 >= limit {
            break;
        }
    }
    kept.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let youth_id = match shown {
        Shown::ForYouth(youth_id, _) => Some(youth_id),
        Shown::Public | Shown::OfMissionLocale(_) => None,
    };
    session_cards(db, kept, youth_id).await
}

/// A youth's list is judged a page at a time: a few more than it shows, so that one page
/// usually does.
const MIN_PAGE: u64 = 24;

/// The published sessions to come that `shown` may see: the audience is complete in the query
/// for the public and staff lists; for a youth it keeps every session they may join (their
/// places, the audiences admitting them, on the days they may attend) and a few they may not.
fn candidates(shown: Shown, now: DateTime<Utc>) -> Select<workshop_session::Entity> {
    let query = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .filter(workshop_session::Column::StartsAt.gte(now));
    match shown {
        Shown::Public => query.filter(workshop_session::Column::Audience.ne(Audience::COUNSELLORS)),
        Shown::OfMissionLocale(mission_locale_id) => {
            query.filter(workshop_session::Column::MissionLocaleId.eq(mission_locale_id))
        }
        Shown::ForYouth(youth_id, youth) => {
            let held = workshop_session::Column::Id.in_subquery(
                enrolment::Entity::find()
                    .select_only()
                    .column(enrolment::Column::SessionId)
                    .filter(enrolment::Column::YouthId.eq(youth_id))
                    .filter(
                        enrolment::Column::Status
                            .is_in([EnrolmentStatus::Registered, EnrolmentStatus::Waiting]),
                    )
                    .into_query(),
            );
            let Some((first, last)) = youth.possible_days() else {
                return query.filter(held);
            };
            let reserved_to_referent = workshop_session::Column::Id.in_subquery(
                session_audience::Entity::find()
                    .select_only()
                    .column(session_audience::Column::SessionId)
                    .filter(session_audience::Column::PersonId.eq(youth.enrollee.referent_id))
                    .into_query(),
            );
            let admitted = Condition::any()
                .add(workshop_session::Column::Audience.eq(Audience::FEDERATION))
                .add(
                    Condition::all()
                        .add(workshop_session::Column::Audience.ne(Audience::COUNSELLORS))
                        .add(
                            workshop_session::Column::MissionLocaleId
                                .eq(youth.enrollee.mission_locale_id),
                        ),
                )
                .add(
                    Condition::all()
                        .add(workshop_session::Column::Audience.eq(Audience::COUNSELLORS))
                        .add(reserved_to_referent),
                );
            // A day's sessions start within a day of its UTC midnight, whatever Paris's offset.
            let midnight = |day: NaiveDate| day.and_time(NaiveTime::MIN).and_utc();
            query.filter(
                Condition::any().add(held).add(
                    Condition::all()
                        .add(admitted)
                        .add(workshop_session::Column::StartsAt.gte(midnight(first) - Days::new(1)))
                        .add(workshop_session::Column::StartsAt.lt(midnight(last) + Days::new(2))),
                ),
            )
        }
    }
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
        .filter(
            mission_locale::Column::Id.is_in(
                sessions
                    .iter()
                    .map(|session| session.mission_locale_id)
                    .collect::<std::collections::BTreeSet<_>>(),
            ),
        )
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
                Some((room, site)) => (room_label(site, room), site.address.clone()),
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
