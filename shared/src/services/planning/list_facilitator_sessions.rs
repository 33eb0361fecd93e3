use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentStatus, FacilitatorAgenda, FacilitatorSession, PersonId, SessionId,
    SessionStatus,
};
use crate::entities::{session_facilitator, workshop_session, workshop_type};
use crate::services::planning::session_records::{contacts_of, load_bundles, place_view};

/// A guest facilitator's own sessions, upcoming (soonest first) and past (latest first), with
/// what they need to come and whom to call. Drafts are not shown; cancelled ones are, marked.
/// A facilitator sees nothing else.
pub async fn list_facilitator_sessions(
    db: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<FacilitatorAgenda, ServiceError> {
    let person_id = match actor {
        Actor::Facilitator { person_id } => *person_id,
        Actor::Anonymous => return Err(ServiceError::NotSignedIn),
        _ => return Err(ServiceError::Forbidden),
    };
    let ids: Vec<SessionId> = session_facilitator::Entity::find()
        .filter(session_facilitator::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .map(|link| link.session_id)
        .collect();
    if ids.is_empty() {
        return Ok(FacilitatorAgenda::default());
    }
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::Id.is_in(ids))
        .filter(workshop_session::Column::Status.ne(SessionStatus::Draft))
        .order_by_asc(workshop_session::Column::StartsAt)
        .all(db)
        .await?;
    let mut agenda = FacilitatorAgenda::default();
    for bundle in load_bundles(db, sessions).await? {
        let session = &bundle.session;
        let workshop = workshop_type::Entity::find_by_id(session.workshop_type_id)
            .one(db)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let first_names = registered_first_names(db, session.id).await?;
        let view = FacilitatorSession {
            id: session.id,
            title: workshop.title,
            theme: workshop.theme,
            description: workshop.description,
            status: bundle.status(),
            starts_at: session.starts_at,
            ends_at: session.ends_at,
            place: place_view(db, session).await?,
            contacts: contacts_of(db, &bundle.counsellor_ids).await?,
            capacity: session.capacity.max(0) as u32,
            registered: first_names.len() as u32,
            first_names,
            cancellation_reason: session.cancellation_reason.clone(),
        };
        if session.ends_at > now {
            agenda.upcoming.push(view);
        } else {
            agenda.past.push(view);
        }
    }
    agenda.past.reverse();
    Ok(agenda)
}

/// The first names of the youths registered at a session, sorted.
async fn registered_first_names(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Vec<String>, ServiceError> {
    use crate::entities::{enrolment, person};
    use sea_orm::QuerySelect;
    let youth_ids: Vec<PersonId> = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .select_only()
        .column(enrolment::Column::YouthId)
        .into_tuple()
        .all(db)
        .await?;
    if youth_ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = person::Entity::find()
        .filter(person::Column::Id.is_in(youth_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|person| person.first_name)
        .collect();
    names.sort();
    Ok(names)
}
