use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::{
    Actor, Home, MissionLocaleFigures, PersonId, SessionCard, SessionStatus, YouthScope,
    own_contacts,
};
use crate::entities::{mission_locale, person, staff_member, workshop_session, youth};
use crate::services::enrolment::enrolment_records::youth_facts;
use crate::services::people::youth_contacts::individual_contacts;
use crate::services::planning::list_upcoming_sessions::{Shown, upcoming_sessions};
use crate::services::{
    YouthListFilter, list_facilitator_sessions, list_my_enrolments, list_youths,
};

/// How many sessions a home shows before "see all".
const HOME_SESSIONS: u64 = 6;

/// The home of the signed-in person, by role. A youth sees their places, the upcoming sessions
/// whose audience admits them, and their individual contacts (day and kind only).
pub async fn load_home(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Home, ServiceError> {
    let Some(person_id) = actor.person_id() else {
        return Err(ServiceError::NotSignedIn);
    };
    let first_name = person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .map(|person| person.first_name)
        .unwrap_or_default();
    Ok(match actor {
        Actor::Anonymous => return Err(ServiceError::NotSignedIn),
        Actor::Youth { person_id } => {
            let shown = match youth_facts(db, *person_id).await? {
                Some(youth) => Shown::ForYouth(*person_id, youth),
                None => Shown::Public,
            };
            Home::Youth {
                first_name,
                my_sessions: list_my_enrolments(db, actor, now)
                    .await?
                    .into_iter()
                    .map(|place| place.session)
                    .take(HOME_SESSIONS as usize)
                    .collect(),
                upcoming: upcoming_sessions(db, shown, HOME_SESSIONS, now).await?,
                my_contacts: own_contacts(
                    &individual_contacts(db, &[*person_id])
                        .await?
                        .remove(person_id)
                        .unwrap_or_default(),
                ),
            }
        }
        Actor::Facilitator { .. } => Home::Facilitator {
            first_name,
            my_sessions: list_facilitator_sessions(db, actor, now)
                .await?
                .upcoming
                .into_iter()
                .filter(|session| session.status != SessionStatus::Cancelled)
                .take(HOME_SESSIONS as usize)
                .map(|session| SessionCard {
                    id: session.id,
                    title: session.title,
                    theme: session.theme,
                    mission_locale: String::new(),
                    venue_name: session.place.name,
                    venue_address: session.place.address,
                    starts_at: session.starts_at,
                    ends_at: session.ends_at,
                    capacity: session.capacity,
                    seats_left: session.capacity.saturating_sub(session.registered),
                    waiting: 0,
                    standing: None,
                })
                .collect(),
        },
        Actor::Counsellor {
            mission_locale_id, ..
        } => Home::Counsellor {
            first_name,
            mission_locale: mission_locale::Entity::find_by_id(*mission_locale_id)
                .one(db)
                .await?
                .map(|ml| ml.name)
                .unwrap_or_default(),
            agenda: upcoming_sessions(
                db,
                Shown::OfMissionLocale(*mission_locale_id),
                HOME_SESSIONS,
                now,
            )
            .await?,
            my_youths: list_youths(
                db,
                actor,
                &YouthListFilter {
                    mine_only: true,
                    ..YouthListFilter::default()
                },
                now,
            )
            .await?,
        },
        Actor::Coordinator { .. } => {
            debug_assert_eq!(actor.youth_scope(), Some(YouthScope::Federation));
            let mut missions_locales = Vec::new();
            for ml in mission_locale::Entity::find().all(db).await? {
                let counsellor_ids: Vec<PersonId> = staff_member::Entity::find()
                    .filter(staff_member::Column::MissionLocaleId.eq(ml.id))
                    .all(db)
                    .await?
                    .into_iter()
                    .map(|staff| staff.person_id)
                    .collect();
                let youths_in_programme = youth::Entity::find()
                    .find_also_related(person::Entity)
                    .filter(youth::Column::ReferentId.is_in(counsellor_ids.clone()))
                    .filter(youth::Column::ProgrammeExitDate.is_null())
                    .filter(person::Column::ArchivedAt.is_null())
                    .count(db)
                    .await?;
                let upcoming_sessions = workshop_session::Entity::find()
                    .filter(workshop_session::Column::MissionLocaleId.eq(ml.id))
                    .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
                    .filter(workshop_session::Column::StartsAt.gte(now))
                    .count(db)
                    .await?;
                missions_locales.push(MissionLocaleFigures {
                    name: ml.name,
                    counsellors: counsellor_ids.len() as u64,
                    youths_in_programme,
                    upcoming_sessions,
                });
            }
            Home::Coordinator {
                first_name,
                missions_locales,
            }
        }
    })
}
