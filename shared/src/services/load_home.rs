use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::{Actor, Home, MissionLocaleFigures, SessionStatus, YouthScope};
use crate::entities::{mission_locale, person, staff_member, workshop_session, youth};
use crate::services::list_upcoming_sessions::upcoming_sessions;
use crate::services::{YouthListFilter, list_youths};

/// How many sessions a home shows before "see all".
const HOME_SESSIONS: u64 = 6;

/// The home of the signed-in person, by role. "My sessions" stay empty until enrolment and
/// planning (later issues) link people to sessions.
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
        Actor::Youth { .. } => Home::Youth {
            first_name,
            my_sessions: Vec::new(),
            upcoming: upcoming_sessions(db, None, HOME_SESSIONS, now).await?,
        },
        Actor::Facilitator { .. } => Home::Facilitator {
            first_name,
            my_sessions: Vec::new(),
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
            agenda: upcoming_sessions(db, Some(*mission_locale_id), HOME_SESSIONS, now).await?,
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
                let counsellor_ids: Vec<i32> = staff_member::Entity::find()
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
                    .filter(workshop_session::Column::Status.eq(SessionStatus::Published.code()))
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
