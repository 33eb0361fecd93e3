use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceRefusal, AttendanceStatus, HalfDayNumber, PersonId, SessionId, roll_call_open,
};
use crate::services::access_guard::require;
use crate::services::attendance::attendance_records::{
    AttendanceSession, line_of, lock_open_sheet, new_line, registered_youth_ids,
    require_half_day_open,
};
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::youths_on_roster;

/// A youth who came without a place: a counsellor who may enrol them adds them to the sheet,
/// present for the half-day shown (they are then on the sheet for the other half-day too, to be
/// marked there). Adding them twice gives the same answer.
pub async fn add_walk_in<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_id: PersonId,
    half_day: HalfDayNumber,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let youths = youths_on_roster(db, vec![youth_id]).await?;
    let youth = youths
        .get(&youth_id)
        .ok_or_else(|| ServiceError::from(AttendanceRefusal::UnknownYouth))?;
    require(actor, actor.may_enrol_youth(&youth.file))?;
    if !roll_call_open(session.starts_at(), now) {
        return Err(AttendanceRefusal::RollCallNotOpen.into());
    }
    session.half_day(half_day)?;

    let txn = begin_write(db).await?;
    lock_open_sheet(&txn, session_id, now).await?;
    require_half_day_open(&txn, &session, half_day).await?;
    if line_of(&txn, session_id, youth_id, half_day)
        .await?
        .is_some()
    {
        return Ok(());
    }
    // A registered youth added this way keeps their place: not a walk-in.
    let walk_in = !registered_youth_ids(&txn, session_id)
        .await?
        .contains(&youth_id);
    let mut line = new_line(
        session_id,
        youth_id,
        half_day,
        AttendanceStatus::Present,
        actor.person_id(),
        now,
    );
    line.walk_in = Set(walk_in);
    line.insert(&txn).await?;
    txn.commit().await?;
    Ok(())
}
