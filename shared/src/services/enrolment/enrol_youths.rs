use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentMethod, EnrolmentOutcome, PersonId, RosterRefusal, SessionId,
    check_staff_enrolment,
};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    ChangedBy, facts_of, lock_roster, overlapping_place, session_facts, write_changes,
    youths_on_roster,
};
use crate::services::planning::session_records::load_bundle;

/// At most this many youths in one go (a roomful).
const MAX_AT_ONCE: usize = 200;

/// A counsellor enrols one or many of their youths, in the order given: seats first, then the
/// waiting list. All or nothing: one youth who may not be enrolled (age, audience, a file the
/// counsellor may not change) refuses the whole request, naming them. An overlapping place or
/// an ended programme are warnings in the answer. Youths who already hold a place keep it.
pub async fn enrol_youths<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_ids: Vec<PersonId>,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<Vec<EnrolmentOutcome>, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(actor, actor.may_view_agenda())?;
    // Bounded before any work: deduplicating or checking a huge list would stall the server.
    if youth_ids.len() > MAX_AT_ONCE {
        return Err(RosterRefusal::TooManyAtOnce { max: MAX_AT_ONCE }.into());
    }
    let mut unique = Vec::new();
    for id in youth_ids {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    if unique.is_empty() {
        return Err(RosterRefusal::NoYouthChosen.into());
    }
    let bundle = load_bundle(db, session_id).await?;
    let organiser_acting = actor.may_plan_for(bundle.session.mission_locale_id);
    let youths = youths_on_roster(db, unique.clone()).await?;
    let mut warnings = Vec::new();
    for id in &unique {
        // A youth one may not enrol (another Mission Locale's, or a tampered id) refuses the
        // whole request: nothing is written.
        let youth = youths
            .get(id)
            .filter(|youth| actor.may_enrol_youth(&youth.file));
        let Some(youth) = youth else {
            return Err(ServiceError::Forbidden);
        };
        let overlapping = overlapping_place(db, *id, &bundle.session).await?;
        let found = check_staff_enrolment(
            &session_facts(&bundle),
            &youth.facts,
            organiser_acting,
            overlapping.as_deref(),
            now,
        )
        .map_err(|refusal| {
            ServiceError::from(RosterRefusal::YouthRefused {
                youth: youth.name.clone(),
                refusal,
            })
        })?;
        warnings.push((overlapping, found));
    }

    let txn = begin_write(db).await?;
    let mut locked = lock_roster(&txn, session_id).await?;
    let facts = facts_of(&locked.session, &bundle);
    let mut outcomes = Vec::new();
    for (id, (_, found)) in unique.iter().zip(warnings) {
        let youth = &youths[id];
        check_staff_enrolment(&facts, &youth.facts, organiser_acting, None, now)
            .map_err(|refusal| ServiceError::Invalid(refusal.staff_message(Some(&youth.name))))?;
        let (_, changes) = locked.roster.enrol(*id);
        write_changes(
            &txn,
            &mut locked,
            &changes,
            ChangedBy {
                actor_id: actor.person_id(),
                method: EnrolmentMethod::ByStaff,
                promotions_by_hand: false,
            },
            None,
            Some(mail),
            now,
        )
        .await?;
        outcomes.push((*id, found));
    }
    txn.commit().await?;
    Ok(outcomes
        .into_iter()
        .map(|(id, found)| EnrolmentOutcome {
            youth_id: id,
            name: youths[&id].name.clone(),
            standing: locked
                .roster
                .standing(id)
                .unwrap_or(crate::domain::Standing::Registered),
            warnings: found.iter().map(|warning| warning.message()).collect(),
        })
        .collect())
}
