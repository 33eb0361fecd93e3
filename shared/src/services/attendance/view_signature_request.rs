use sea_orm::ConnectionTrait;

use crate::ServiceError;
use chrono::{DateTime, Utc};

use crate::domain::{
    Actor, AttendanceRefusal, HalfDayNumber, PersonId, SessionId, SignatureRequest, half_day_at,
};
use crate::services::attendance::attendance_records::{
    AttendanceSession, clock, line_of, names_of, registered_youth_ids,
};
use crate::services::enrolment::enrolment_records::acting_youth;

/// The page where a youth signs: on their own phone (their own line only) or on the device of
/// whoever takes attendance.
///
/// `youth_id` None: the signed-in youth themself. `half_day` None: the half-day under way.
pub async fn view_signature_request(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    youth_id: Option<PersonId>,
    half_day: Option<HalfDayNumber>,
    now: DateTime<Utc>,
) -> Result<SignatureRequest, ServiceError> {
    let session = AttendanceSession::load(db, session_id).await?;
    let halves = session.half_days();
    let half_day = half_day.unwrap_or_else(|| half_day_at(&halves, now));
    session.half_day(half_day)?;
    let youth_id = match youth_id {
        Some(youth_id) => youth_id,
        None => acting_youth(actor)?,
    };
    match actor {
        Actor::Youth { person_id } if *person_id != youth_id => {
            return Err(ServiceError::Forbidden);
        }
        Actor::Youth { .. } => session.require_held()?,
        _ => session.require_attendance_taker(actor)?,
    }
    let line = line_of(db, session_id, youth_id, half_day).await?;
    // A youth who neither holds a place nor is on the sheet has nothing to sign here.
    if matches!(actor, Actor::Youth { .. })
        && line.is_none()
        && !registered_youth_ids(db, session_id)
            .await?
            .contains(&youth_id)
    {
        return Err(ServiceError::Forbidden);
    }
    let Some(line) = line else {
        return Err(AttendanceRefusal::NotCheckedInYet.into());
    };
    let names = names_of(db, [youth_id]).await?;
    Ok(SignatureRequest {
        session_id,
        youth_id,
        title: session.title.clone(),
        when: session.when(),
        youth_name: names.get(&youth_id).cloned().unwrap_or_default(),
        half_day,
        half_day_name: (halves.len() > 1).then(|| session.half_day_name(half_day)),
        status: line.status,
        signed_at: line.signed_at.map(clock),
        checked_in_elsewhere: line.checked_in_elsewhere,
    })
}
