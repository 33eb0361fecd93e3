use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::auth::DocumentSealer;
use crate::domain::{
    Actor, AttendanceRefusal, AttendanceStatus, HalfDayNumber, PersonId, SessionId, SheetEdition,
    SheetState, parse_correction_reason,
};
use crate::entities::{attendance_correction, attendance_sheet};
use crate::services::access_guard::require;
use crate::services::attendance::attendance_records::{AttendanceSession, keep_sheet_pdf, line_of};
use crate::services::begin_write::begin_write;

/// A status changed on a closed sheet: whose, to what, and why (as typed).
pub struct StatusCorrection<'a> {
    pub youth_id: PersonId,
    /// Which half-day's status (the first for a session of one half-day).
    pub half_day: HalfDayNumber,
    pub status: &'a str,
    pub reason: &'a str,
}

/// After closing, a status (of one half-day) changes only by a correction: an organiser gives the reason, the
/// correction is logged, and a corrected PDF listing every correction is kept beside the
/// original (which is never replaced).
pub async fn correct_attendance<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    correction: StatusCorrection<'_>,
    sealer: &DocumentSealer,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let StatusCorrection {
        youth_id,
        half_day,
        status,
        reason,
    } = correction;
    let session = AttendanceSession::load(db, session_id).await?;
    require(
        actor,
        actor.may_correct_attendance(session.bundle.session.mission_locale_id),
    )?;
    let corrector = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    let status = AttendanceStatus::parse_choice(status)?;
    let reason = parse_correction_reason(reason)?;
    session.half_day(half_day)?;

    let txn = begin_write(db).await?;
    // Lock the closed sheet: two corrections at once are numbered one after the other.
    let locked = attendance_sheet::Entity::update_many()
        .set(attendance_sheet::ActiveModel {
            state: Set(SheetState::Closed),
            ..Default::default()
        })
        .filter(attendance_sheet::Column::SessionId.eq(session_id))
        .filter(attendance_sheet::Column::State.eq(SheetState::Closed))
        .exec(&txn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(AttendanceRefusal::CorrectionOfOpenSheet.into());
    }
    let Some(line) = line_of(&txn, session_id, youth_id, half_day).await? else {
        return Err(AttendanceRefusal::NotOnSheet.into());
    };
    let from = line.status;
    if from == status {
        return Err(AttendanceRefusal::StatusUnchanged { status }.into());
    }
    attendance_correction::ActiveModel {
        session_id: Set(session_id),
        youth_id: Set(youth_id),
        half_day: Set(half_day),
        from_status: Set(from),
        to_status: Set(status),
        reason: Set(reason),
        corrected_by: Set(corrector),
        corrected_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut line = line.into_active_model();
    line.status = Set(status);
    line.marked_by = Set(Some(corrector));
    line.marked_at = Set(now);
    line.update(&txn).await?;
    let number = attendance_correction::Entity::find()
        .filter(attendance_correction::Column::SessionId.eq(session_id))
        .count(&txn)
        .await?;
    keep_sheet_pdf(
        &txn,
        &session,
        SheetEdition::Corrected(u32::try_from(number).unwrap_or(u32::MAX)),
        corrector,
        sealer,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
