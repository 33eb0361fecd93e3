use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceRefusal, AuditAction, PersonId, SessionId, SheetState, parse_reopening_reason,
};
use crate::entities::attendance_sheet;
use crate::services::access_guard::require;
use crate::services::attendance::attendance_records::{AttendanceSession, sheet_of, sheet_state};
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;

/// An organiser reopens a sheet closed on paper (a scan of the wrong sheet, an unreadable one,
/// a youth forgotten): the sheet is open again, so the roll-call goes on, or another scan or the
/// electronic closing replaces it. The scan already kept stays as evidence (documents are never
/// deleted); the reopening and its reason are in the audit log. An open sheet stays as it is.
pub async fn reopen_paper_sheet<C>(
    db: &C,
    actor: &Actor,
    session_id: SessionId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let session = AttendanceSession::load(db, session_id).await?;
    require(
        actor,
        actor.may_file_paper_sheet(session.bundle.session.mission_locale_id),
    )?;
    session.require_held()?;
    let reason = parse_reopening_reason(reason)?;
    let organiser = actor.person_id().ok_or(ServiceError::NotSignedIn)?;

    let txn = begin_write(db).await?;
    // Only a paper sheet reopens, and only once for two clicks: the update is the check.
    let reopened = attendance_sheet::Entity::update_many()
        .col_expr(
            attendance_sheet::Column::State,
            Expr::value(SheetState::Open),
        )
        .col_expr(
            attendance_sheet::Column::ClosedAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(
            attendance_sheet::Column::ClosedBy,
            Expr::value(None::<PersonId>),
        )
        .filter(attendance_sheet::Column::SessionId.eq(session_id))
        .filter(attendance_sheet::Column::State.eq(SheetState::Paper))
        .exec(&txn)
        .await?;
    if reopened.rows_affected == 0 {
        return match sheet_state(sheet_of(&txn, session_id).await?.as_ref()) {
            // Open already (a second click): nothing to do.
            SheetState::Open => Ok(()),
            _ => Err(AttendanceRefusal::OnlyPaperSheetReopens.into()),
        };
    }
    // The subject of an audit line is a person (a youth's history lists theirs): the session
    // is named in the details instead.
    record_audit_event(
        &txn,
        Some(organiser),
        AuditAction::PaperSheetReopened,
        None,
        reopening_details(session_id, &reason),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The audit line's details: the session, then the reason (`view_attendance` finds them so).
pub(crate) fn reopening_details(session_id: SessionId, reason: &str) -> String {
    format!("{} {reason}", reopening_prefix(session_id))
}

pub(crate) fn reopening_prefix(session_id: SessionId) -> String {
    format!("Séance n° {session_id} :")
}
