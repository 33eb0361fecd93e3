use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceRefusal, AttendanceStatus, PersonId, SessionId, roll_call_open,
};
use crate::services::attendance::attendance_records::{
    AttendanceSession, line_of, lock_open_sheet, new_line, registered_youth_ids,
};
use crate::services::begin_write::begin_write;

/// One tap of the roll-call: a youth's status (present, late, excused, absent). Tapping the
/// same status again, or a retried request, changes nothing; confirming a self check-in is
/// marking its status.
pub async fn mark_attendance<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    youth_id: PersonId,
    status: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let status = AttendanceStatus::parse_choice(status)?;
    if !roll_call_open(session.starts_at(), now) {
        return Err(AttendanceRefusal::RollCallNotOpen.into());
    }

    let txn = begin_write(db).await?;
    lock_open_sheet(&txn, session_id, now).await?;
    match line_of(&txn, session_id, youth_id).await? {
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
            if !registered_youth_ids(&txn, session_id)
                .await?
                .contains(&youth_id)
            {
                return Err(AttendanceRefusal::NotRegistered.into());
            }
            new_line(session_id, youth_id, status, actor.person_id(), now)
                .insert(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}
