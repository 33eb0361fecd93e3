use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{Actor, EnrolmentStatus, MyEnrolment, SessionId, SessionStatus, Standing};
use crate::entities::{enrolment, workshop_session};
use crate::services::enrolment::enrolment_records::{acting_youth, place_rules};
use crate::services::planning::list_upcoming_sessions::session_cards;

/// "Mes inscriptions": the sessions to come where the signed-in youth holds a place or waits
/// (with their position), soonest first. Cancelled sessions stay listed, marked, until they
/// would have ended.
pub async fn list_my_enrolments(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Vec<MyEnrolment>, ServiceError> {
    let youth_id = acting_youth(actor)?;
    let session_ids: Vec<SessionId> = enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .filter(
            enrolment::Column::Status
                .is_in([EnrolmentStatus::Registered, EnrolmentStatus::Waiting]),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|place| place.session_id)
        .collect();
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::Id.is_in(session_ids))
        .filter(workshop_session::Column::EndsAt.gt(now))
        .filter(workshop_session::Column::Status.ne(SessionStatus::Draft))
        .order_by_asc(workshop_session::Column::StartsAt)
        .all(db)
        .await?;
    let closes: Vec<DateTime<Utc>> = sessions
        .iter()
        .map(|session| place_rules(session).cancellation_closes_at(session.starts_at))
        .collect();
    Ok(session_cards(db, sessions, Some(youth_id))
        .await?
        .into_iter()
        .zip(closes)
        .map(|(session, cancellation_closes_at)| MyEnrolment {
            standing: session.standing.unwrap_or(Standing::Registered),
            session,
            cancellation_closes_at,
        })
        .collect())
}
