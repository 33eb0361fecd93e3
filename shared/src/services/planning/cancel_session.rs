use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, EditScope, PlanningRefusal, SessionChange, SessionId, SessionStatus,
    parse_cancellation_reason,
};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::notifications::session_mail::{Occasion, send_session_mail};
use crate::services::planning::session_records::{load_bundle, record_change};
use crate::services::planning::update_session::targets;

/// Cancels a session, or this one and the following ones of its series, or the whole series
/// (those not started). A cancelled session is never deleted: it keeps its row, its history and
/// the reason, which the youths and facilitators read. Returns how many sessions were cancelled.
pub async fn cancel_session(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    session_id: SessionId,
    reason: &str,
    scope: EditScope,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let edited = load_bundle(db, session_id).await?;
    if !actor.may_plan_for(edited.session.mission_locale_id) {
        return Err(ServiceError::Forbidden);
    }
    let reason = parse_cancellation_reason(reason)?;
    if edited.status() == SessionStatus::Cancelled {
        return Err(PlanningRefusal::AlreadyCancelled.into());
    }
    if edited.session.starts_at <= now {
        return Err(PlanningRefusal::StartedCannotBeCancelled.into());
    }
    let txn = begin_write(db).await?;
    let targets = targets(&txn, &edited, scope, now).await?;
    for target in &targets {
        let mut row = target.session.clone().into_active_model();
        row.status = Set(SessionStatus::Cancelled);
        row.cancellation_reason = Set(Some(reason.clone()));
        row.sequence = Set(target.session.sequence + 1);
        row.update(&txn).await?;
        record_change(
            &txn,
            target.session.id,
            actor.person_id(),
            &SessionChange::Cancelled {
                reason: reason.clone(),
            },
            format!("Séance annulée : {reason}"),
            now,
        )
        .await?;
        send_session_mail(
            &txn,
            mail,
            target.session.id,
            &Occasion::SessionCancelled {
                actor_id: actor.person_id(),
                reason: &reason,
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(targets.len())
}
