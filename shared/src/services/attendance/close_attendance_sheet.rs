use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::{
    Actor, AttendanceRefusal, HalfDayNumber, SessionId, SheetEdition, SheetState, SignatureStrokes,
};
use crate::entities::{attendance_half_day_closing, attendance_sheet};
use crate::services::attendance::attendance_records::{
    AttendanceSession, half_day_closings_of, keep_sheet_pdf, lines_of, lock_open_sheet,
    registered_youth_ids, require_half_day_open, youths_on_sheet,
};
use crate::services::begin_write::begin_write;

/// What a closing closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    /// A half-day before the last (the morning): the sheet stays open.
    HalfDay,
    /// The last half-day, and with it the sheet: its PDF is kept.
    Sheet,
}

/// The facilitator or counsellor signs last and closes a half-day: every youth on the sheet
/// needs a confirmed status for it first. Closing the morning of a full day keeps its
/// signature and leaves the sheet open for the afternoon; closing the last half-day (the only
/// one, most often) closes the sheet, once every earlier half-day is closed, and prints the PDF
/// (with the sheet's fingerprint) and keeps it, sealed in the register. From then on only a
/// correction, with a reason, changes a status.
pub async fn close_attendance_sheet<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    half_day: HalfDayNumber,
    strokes: &str,
    sealer: &DocumentSealer,
    now: DateTime<Utc>,
) -> Result<Closed, ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let closer = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    if now < session.half_day(half_day)?.starts_at {
        return Err(AttendanceRefusal::ClosingBeforeStart.into());
    }
    let signature = SignatureStrokes::parse(strokes)?;

    let txn = begin_write(db).await?;
    // A closed or paper sheet is told so first, whatever its roll-call says.
    let sheet = lock_open_sheet(&txn, session_id, now).await?;
    require_half_day_open(&txn, &session, half_day).await?;
    // The morning is closed first: the afternoon's closing closes the sheet.
    let closed_halves = half_day_closings_of(&txn, session_id).await?;
    for index in 0..half_day.index() {
        if !closed_halves
            .iter()
            .any(|closing| closing.half_day.index() == index)
        {
            let earlier = HalfDayNumber::at(index).unwrap_or(HalfDayNumber::FIRST);
            return Err(AttendanceRefusal::EarlierHalfDayOpen {
                name: session.half_day_name(earlier),
            }
            .into());
        }
    }
    let lines = lines_of(&txn, session_id).await?;
    let registered = registered_youth_ids(&txn, session_id).await?;
    let this_half = || lines.iter().filter(|line| line.half_day == half_day);
    for youth_id in youths_on_sheet(&registered, &lines) {
        if !this_half().any(|line| line.youth_id == youth_id) {
            return Err(AttendanceRefusal::RollCallUnfinished.into());
        }
    }
    if this_half().any(|line| !line.confirmed) {
        return Err(AttendanceRefusal::CheckInsUnconfirmed.into());
    }
    if half_day != session.last_half_day() {
        // The sheet row is locked: this is the only closing of this half-day.
        attendance_half_day_closing::ActiveModel {
            session_id: Set(session_id),
            half_day: Set(half_day),
            closed_by: Set(closer),
            closed_at: Set(now),
            signature: Set(signature.to_text()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        return Ok(Closed::HalfDay);
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
    Ok(Closed::Sheet)
}
