use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, SessionId, YouthPlaceView, check_self_enrolment};
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    acting_youth, facts_of, lock_roster, overlapping_place, session_facts, standings_of,
    write_youth_changes, youth_facts,
};
use crate::services::enrolment::view_youth_place::{place_after_change, view_youth_place};
use crate::services::notifications::session_mail::PreparedSessionMail;

/// A youth takes a place (or a place on the waiting list) for themself, in one tap. Asking
/// again (a double tap, a retry on a bad network) changes nothing and gives the same answer.
pub async fn enrol_in_session<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<YouthPlaceView, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let youth_id = acting_youth(actor)?;
    // Everything the change and its mail need from the session, read before the lock.
    let prepared = PreparedSessionMail::read(db, mail, session_id).await?;
    let bundle = prepared.bundle();
    let youth = youth_facts(db, youth_id)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    let already = standings_of(db, youth_id, vec![session_id])
        .await?
        .remove(&session_id);
    let view = match already {
        // A second tap: nothing to change, the place as it stands.
        Some(standing) => {
            let mut view = view_youth_place(db, actor, session_id, now)
                .await?
                .ok_or(ServiceError::Forbidden)?;
            view.message = Some(standing.youth_message());
            view
        }
        None => {
            let overlapping = overlapping_place(db, youth_id, &bundle.session).await?;
            check_self_enrolment(&session_facts(bundle), &youth, overlapping.as_deref(), now)
                .map_err(|refusal| ServiceError::Invalid(refusal.youth_message()))?;

            let txn = begin_write(db).await?;
            let mut locked = lock_roster(&txn, session_id).await?;
            // The session may have changed since it was read (cancelled, moved): the rules
            // are checked again on the locked row.
            let facts = facts_of(&locked.session, bundle);
            check_self_enrolment(&facts, &youth, overlapping.as_deref(), now)
                .map_err(|refusal| ServiceError::Invalid(refusal.youth_message()))?;
            locked.keep_mail_facts(&txn, prepared).await?;
            let (standing, changes) = locked.roster.enrol(youth_id);
            write_youth_changes(&txn, &mut locked, &changes, youth_id, mail, now).await?;
            txn.commit().await?;
            let mut view = place_after_change(session_id, &facts, &locked.roster, standing, now);
            view.message = Some(standing.youth_message());
            view
        }
    };
    Ok(view)
}
