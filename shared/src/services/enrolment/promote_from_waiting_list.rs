use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentMethod, PersonId, SessionId, Standing, check_staff_roster_change,
};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    ChangedBy, facts_of, lock_roster, write_changes, youths_on_roster,
};
use crate::services::planning::session_records::load_bundle;

/// An organiser gives a free seat to a youth on the waiting list, whatever their position
/// (close to the session, promotion is no longer automatic: the counsellor decides).
pub async fn promote_from_waiting_list<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_id: PersonId,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let bundle = load_bundle(db, session_id).await?;
    require(actor, actor.may_plan_for(bundle.session.mission_locale_id))?;
    let youth = youths_on_roster(db, vec![youth_id])
        .await?
        .remove(&youth_id);

    let txn = begin_write(db).await?;
    let mut locked = lock_roster(&txn, session_id).await?;
    // The organisers see everyone who holds or awaits a place here; any other youth exists for
    // them only if they may read the file: otherwise the refusal would name them.
    let on_roster = locked.roster.standing(youth_id).is_some();
    if !on_roster
        && !youth
            .as_ref()
            .is_some_and(|youth| actor.may_view_youth(&youth.file))
    {
        return Err(ServiceError::NotFound);
    }
    let name = youth.map(|youth| youth.name);
    check_staff_roster_change(&facts_of(&locked.session, &bundle), now)
        .map_err(|refusal| ServiceError::Invalid(refusal.staff_message(name.as_deref())))?;
    if locked.roster.standing(youth_id) == Some(Standing::Registered) {
        // Promoted already (a second tap): the same answer, nothing written.
        return Ok(());
    }
    let changes = locked
        .roster
        .promote(youth_id)
        .map_err(|refusal| ServiceError::Invalid(refusal.staff_message(name.as_deref())))?;
    write_changes(
        &txn,
        &mut locked,
        &changes,
        ChangedBy {
            actor_id: actor.person_id(),
            method: EnrolmentMethod::ByStaff,
            promotions_by_hand: true,
        },
        None,
        Some(mail),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
