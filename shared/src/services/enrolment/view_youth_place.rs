use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{
    Actor, SessionId, YouthPlaceView, check_self_cancellation, check_self_enrolment, format_instant,
};
use crate::services::enrolment::enrolment_records::{
    overlapping_place, seat_counts, session_facts, standings_of, youth_facts,
};
use crate::services::planning::session_records::load_bundle;

/// The signed-in youth's place at a session and what they may do now: enrol (or why not),
/// cancel (or why not), seats left. `None` for signed-in people who are not youths.
pub async fn view_youth_place(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<Option<YouthPlaceView>, ServiceError> {
    let person_id = match actor {
        Actor::Youth { person_id } => person_id,
        Actor::Anonymous => return Err(ServiceError::NotSignedIn),
        _ => return Ok(None),
    };
    let bundle = load_bundle(db, session_id).await?;
    let Some(youth) = youth_facts(db, *person_id).await? else {
        return Ok(None);
    };
    let facts = session_facts(&bundle);
    let standing = standings_of(db, *person_id, vec![session_id])
        .await?
        .remove(&session_id);
    let (registered, waiting) = seat_counts(db, vec![session_id])
        .await?
        .remove(&session_id)
        .unwrap_or_default();
    let enrol_refusal = match standing {
        Some(_) => None,
        None => {
            let overlapping = overlapping_place(db, *person_id, &bundle.session).await?;
            check_self_enrolment(&facts, &youth, overlapping.as_deref(), now)
                .err()
                .map(|refusal| refusal.youth_message())
        }
    };
    let cancel_refusal = standing.and_then(|standing| {
        check_self_cancellation(&facts, standing, now)
            .err()
            .map(|refusal| refusal.youth_message())
    });
    Ok(Some(YouthPlaceView {
        session_id,
        standing,
        enrol_refusal,
        cancel_refusal,
        cancel_until: format_instant(facts.rules.cancellation_closes_at(facts.starts_at)),
        seats_left: u32::try_from(bundle.session.capacity)
            .unwrap_or(0)
            .saturating_sub(registered),
        waiting,
        message: None,
    }))
}
