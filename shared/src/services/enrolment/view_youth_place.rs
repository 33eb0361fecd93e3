use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::ServiceError;
use crate::domain::{
    Actor, Roster, SessionFacts, SessionId, Standing, YouthPlaceView, check_self_cancellation,
    check_self_enrolment, format_instant,
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
    let seats_left = u32::try_from(bundle.session.capacity)
        .unwrap_or(0)
        .saturating_sub(registered);
    Ok(Some(place_view(
        session_id,
        &facts,
        standing,
        enrol_refusal,
        (seats_left, waiting),
        now,
    )))
}

/// The youth's place as their own change just left it, from the roster they changed under the
/// lock: the answer needs no second round of queries after the commit (issue 22: each query is
/// paid by every youth of a Monday-morning rush).
pub(crate) fn place_after_change(
    session_id: SessionId,
    facts: &SessionFacts,
    roster: &Roster,
    standing: Standing,
    now: DateTime<Utc>,
) -> YouthPlaceView {
    let waiting = u32::try_from(roster.waiting().count()).unwrap_or(u32::MAX);
    place_view(
        session_id,
        facts,
        Some(standing),
        None,
        (roster.seats_left(), waiting),
        now,
    )
}

fn place_view(
    session_id: SessionId,
    facts: &SessionFacts,
    standing: Option<Standing>,
    enrol_refusal: Option<String>,
    (seats_left, waiting): (u32, u32),
    now: DateTime<Utc>,
) -> YouthPlaceView {
    let cancel_refusal = standing.and_then(|standing| {
        check_self_cancellation(facts, standing, now)
            .err()
            .map(|refusal| refusal.youth_message())
    });
    YouthPlaceView {
        session_id,
        standing,
        enrol_refusal,
        cancel_refusal,
        cancel_until: format_instant(facts.rules.cancellation_closes_at(facts.starts_at)),
        seats_left,
        waiting,
        message: None,
    }
}
