use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, Departure, EnrolmentMethod, EnrolmentRefusal, EnrolmentStatus, PersonId, SessionId,
    check_staff_roster_change, parse_removal_reason,
};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    ChangedBy, facts_of, lock_roster, write_changes, youths_on_roster,
};
use crate::services::planning::session_records::load_bundle;

/// A counsellor takes a youth off a session (their seat or the waiting list), with a reason
/// the youth will read. A freed seat goes to the first in line, unless the session is too close.
pub async fn remove_enrolment<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_id: PersonId,
    reason: &str,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    require(actor, actor.may_view_agenda())?;
    let bundle = load_bundle(db, session_id).await?;
    let youths = youths_on_roster(db, vec![youth_id]).await?;
    let youth = youths.get(&youth_id).ok_or(ServiceError::NotFound)?;
    require(
        actor,
        actor.may_remove_from_session(bundle.session.mission_locale_id, &youth.file),
    )?;
    let reason =
        parse_removal_reason(reason).map_err(|invalid| ServiceError::Invalid(invalid.message))?;

    let txn = begin_write(db).await?;
    let mut locked = lock_roster(&txn, session_id).await?;
    // The organisers see everyone who has or had a place here; any other youth exists for them
    // only if they may read the file: otherwise the refusal would name them.
    if locked.row(youth_id).is_none() && !actor.may_view_youth(&youth.file) {
        return Err(ServiceError::NotFound);
    }
    let facts = facts_of(&locked.session, &bundle);
    check_staff_roster_change(&facts, now)
        .map_err(|refusal| ServiceError::Invalid(refusal.staff_message(Some(&youth.name))))?;
    let promote = facts.rules.promotes_automatically(facts.starts_at, now);
    let Some(changes) = locked.roster.leave(youth_id, Departure::Removed, promote) else {
        // Removed already (a second tap): the same answer, nothing written.
        if locked.row(youth_id).map(|row| row.status) == Some(EnrolmentStatus::Removed) {
            return Ok(());
        }
        return Err(ServiceError::Invalid(
            EnrolmentRefusal::NotEnrolled.staff_message(Some(&youth.name)),
        ));
    };
    write_changes(
        &txn,
        &mut locked,
        &changes,
        ChangedBy {
            actor_id: actor.person_id(),
            method: EnrolmentMethod::ByStaff,
            promotions_by_hand: false,
        },
        Some(&reason),
        Some(mail),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
