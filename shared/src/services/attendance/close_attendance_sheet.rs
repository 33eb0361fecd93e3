use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::{
    Actor, AttendanceRefusal, SessionId, SheetEdition, SheetState, SignatureStrokes,
};
use crate::entities::attendance_sheet;
use crate::services::attendance::attendance_records::{
    AttendanceSession, keep_sheet_pdf, lines_of, lock_open_sheet, registered_youth_ids,
};
use crate::services::begin_write::begin_write;

/// The facilitator or counsellor signs last and closes the sheet: every youth needs a
/// confirmed status first. Closing prints the PDF (with the sheet's fingerprint) and keeps
/// it, sealed in the register; from then on only a correction, with a reason, changes a status.
pub async fn close_attendance_sheet<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    strokes: &str,
    sealer: &DocumentSealer,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let closer = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    if now < session.starts_at() {
        return Err(AttendanceRefusal::ClosingBeforeStart.into());
    }
    let signature = SignatureStrokes::parse(strokes)?;

    let txn = begin_write(db).await?;
    // A closed or paper sheet is told so first, whatever its roll-call says.
    let sheet = lock_open_sheet(&txn, session_id, now).await?;
    let lines = lines_of(&txn, session_id).await?;
    for youth_id in registered_youth_ids(&txn, session_id).await? {
        if !lines.iter().any(|line| line.youth_id == youth_id) {
            return Err(AttendanceRefusal::RollCallUnfinished.into());
        }
    }
    if lines.iter().any(|line| !line.confirmed) {
        return Err(AttendanceRefusal::CheckInsUnconfirmed.into());
    }
    // Only an open sheet closes: two people closing at once, one wins, the other is told.
    let closed = attendance_sheet::Entity::update_many()
        .set(attendance_sheet::ActiveModel {
            state: Set(SheetState::Closed),
            closed_at: Set(Some(now)),
            closed_by: Set(Some(closer)),
            closing_signature: Set(Some(signature.to_text())),
            ..Default::default()
        })
        .filter(attendance_sheet::Column::Id.eq(sheet.id))
        .filter(attendance_sheet::Column::State.eq(SheetState::Open))
        .exec(&txn)
        .await?;
    if closed.rows_affected == 0 {
        return Err(AttendanceRefusal::SheetAlreadyClosed.into());
    }
    keep_sheet_pdf(&txn, &session, SheetEdition::Original, closer, sealer, now).await?;
    txn.commit().await?;
    Ok(())
}
