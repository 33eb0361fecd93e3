use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceRefusal, HalfDayNumber, PersonId, SessionId, SignatureStrokes,
};
use crate::services::attendance::attendance_records::{
    AttendanceSession, line_of, lock_open_sheet, registered_youth_ids, require_half_day_open,
};
use crate::services::begin_write::begin_write;

/// A youth marked present or late for a half-day signs it on the open sheet: on their own
/// phone (for themself only) or on the device of whoever takes attendance. The signature keeps who signed, when, on
/// which sheet and on whose device; once given it is not replaced (a second tap changes
/// nothing).
pub async fn sign_attendance_sheet<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_id: PersonId,
    half_day: HalfDayNumber,
    strokes: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    match actor {
        Actor::Youth { person_id } if *person_id != youth_id => {
            return Err(AttendanceRefusal::SignsForSomeoneElse.into());
        }
        Actor::Youth { .. } => session.require_held()?,
        _ => session.require_attendance_taker(actor)?,
    }
    let signature = SignatureStrokes::parse(strokes)?;
    session.half_day(half_day)?;

    let txn = begin_write(db).await?;
    lock_open_sheet(&txn, session_id, now).await?;
    require_half_day_open(&txn, &session, half_day).await?;
    let line = line_of(&txn, session_id, youth_id, half_day).await?;
    // A youth who neither holds a place nor is on the sheet has nothing to sign here.
    if matches!(actor, Actor::Youth { .. })
        && line.is_none()
        && !registered_youth_ids(&txn, session_id)
            .await?
            .contains(&youth_id)
    {
        return Err(ServiceError::Forbidden);
    }
    let Some(line) = line.filter(|line| line.status.attended()) else {
        return Err(AttendanceRefusal::SignerNotPresent.into());
    };
    if line.signed_at.is_some() {
        return Ok(());
    }
    let mut line = line.into_active_model();
    line.signature = Set(Some(signature.to_text()));
    line.signed_at = Set(Some(now));
    line.signature_collected_by = Set(actor.person_id());
    line.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}
