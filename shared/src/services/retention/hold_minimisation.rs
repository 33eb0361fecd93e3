use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId, parse_hold_reason};
use crate::entities::{minimisation, retention_hold, youth};
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event::record_audit_event;

/// A coordinator suspends a youth's minimisation (a control under way, a dispute), with a
/// reason. Placing a hold on a youth already held changes nothing; one already minimised is
/// refused (what went cannot come back).
pub async fn hold_minimisation(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    youth_id: PersonId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_manage_retention())?;
    let placed_by = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    let reason = parse_hold_reason(reason)?;
    let txn = begin_write(db).await?;
    if youth::Entity::find_by_id(youth_id)
        .one(&txn)
        .await?
        .is_none()
    {
        return Err(ServiceError::NotFound);
    }
    if minimisation::Entity::find()
        .filter(minimisation::Column::YouthId.eq(youth_id))
        .one(&txn)
        .await?
        .is_some()
    {
        return Err(ServiceError::Invalid(
            "Les données de ce jeune ont déjà été minimisées : il n'y a plus rien à suspendre."
                .into(),
        ));
    }
    let held = retention_hold::Entity::find()
        .filter(retention_hold::Column::YouthId.eq(youth_id))
        .filter(retention_hold::Column::LiftedAt.is_null())
        .one(&txn)
        .await?;
    if held.is_some() {
        return Ok(());
    }
    retention_hold::ActiveModel {
        youth_id: Set(youth_id),
        reason: Set(reason.clone()),
        placed_by: Set(placed_by),
        placed_at: Set(now),
        lifted_by: Set(None),
        lifted_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        Some(placed_by),
        AuditAction::MinimisationHeld,
        Some(youth_id.get()),
        reason,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
