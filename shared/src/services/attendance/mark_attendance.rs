use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceRefusal, AttendanceStatus, HalfDayNumber, PersonId, SessionId, roll_call_open,
};
use crate::services::attendance::attendance_records::{
    AttendanceSession, line_of, line_of_any_half, lock_open_sheet, new_line, registered_youth_ids,
    require_half_day_open,
};
use crate::services::begin_write::begin_write;

/// One tap of the roll-call: a youth's status (present, late, excused, absent) for one
/// half-day. Tapping the same status again, or a retried request, changes nothing; confirming a
/// self check-in is marking its status. A closed half-day (the morning, once signed off) is not
/// marked again.
pub async fn mark_attendance<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_id: PersonId,
    half_day: HalfDayNumber,
    status: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let status = AttendanceStatus::parse_choice(status)?;
    session.half_day(half_day)?;
    if !roll_call_open(session.starts_at(), now) {
        return Err(AttendanceRefusal::RollCallNotOpen.into());
    }

    let txn = begin_write(db).await?;
    lock_open_sheet(&txn, session_id, now).await?;
    require_half_day_open(&txn, &session, half_day).await?;
    match line_of(&txn, session_id, youth_id, half_day).await? {
        Some(line) => {
            if line.status == status && line.confirmed {
                return Ok(());
            }
            let mut line = line.into_active_model();
            line.status = Set(status);
            line.confirmed = Set(true);
            line.marked_by = Set(actor.person_id());
            line.marked_at = Set(now);
            if !status.attended() {
                // Absent or excused youths do not sign: a signature taken before is dropped.
                line.signature = Set(None);
                line.signed_at = Set(None);
                line.signature_collected_by = Set(None);
            }
            line.update(&txn).await?;
        }
        None => {
            // A youth added on the spot for one half-day is on the sheet for the other too.
            let walk_in = line_of_any_half(&txn, session_id, youth_id).await?;
            if walk_in.is_none()
                && !registered_youth_ids(&txn, session_id)
                    .await?
                    .contains(&youth_id)
            {
                return Err(AttendanceRefusal::NotRegistered.into());
            }
            let mut line = new_line(
                session_id,
                youth_id,
                half_day,
                status,
                actor.person_id(),
                now,
            );
            line.walk_in = Set(walk_in.is_some_and(|line| line.walk_in));
            line.insert(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
