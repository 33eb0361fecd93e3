use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, Departure, EnrolmentRefusal, EnrolmentStatus, SessionId, YouthPlaceView,
    check_self_cancellation,
};
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{
    acting_youth, facts_of, lock_roster, write_youth_changes,
};
use crate::services::enrolment::view_youth_place::view_youth_place;
use crate::services::notifications::session_mail::PreparedSessionMail;

/// A youth gives up their place or leaves the waiting list (a POST behind a confirmation: a
/// link followed by a mail scanner never gets here). A freed seat goes to the first in line,
/// unless the session is too close: then a counsellor decides. Cancelling again gives the same
/// answer.
pub async fn cancel_enrolment<C>(
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

    let txn = begin_write(db).await?;
    let mut locked = lock_roster(&txn, session_id).await?;
    let message = match locked.roster.standing(youth_id) {
        Some(standing) => {
            let facts = facts_of(&locked.session, prepared.bundle());
            check_self_cancellation(&facts, standing, now)
                .map_err(|refusal| ServiceError::Invalid(refusal.youth_message()))?;
            locked.keep_mail_facts(&txn, prepared).await?;
            let promote = facts.rules.promotes_automatically(facts.starts_at, now);
            let changes = locked
                .roster
                .leave(youth_id, Departure::Cancelled, promote)
                .unwrap_or_default();
            write_youth_changes(&txn, &mut locked, &changes, mail, now).await?;
            txn.commit().await?;
            cancelled_message()
        }
        // Already cancelled (a second tap): the same answer, nothing written.
        None => match locked.row(youth_id).map(|row| row.status) {
            Some(EnrolmentStatus::Cancelled) => cancelled_message(),
            _ => {
                return Err(ServiceError::Invalid(
                    EnrolmentRefusal::NotEnrolled.youth_message(),
                ));
            }
        },
    };
    let mut view = view_youth_place(db, actor, session_id, now)
        .await?
        .ok_or(ServiceError::Forbidden)?;
    view.message = Some(message);
    Ok(view)
}

fn cancelled_message() -> String {
    "Votre place est annulée. Merci d'avoir prévenu : elle pourra servir à quelqu'un d'autre."
        .into()
}
