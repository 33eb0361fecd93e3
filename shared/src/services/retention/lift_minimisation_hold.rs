use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::entities::retention_hold;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event::record_audit_event;

/// A coordinator lifts the hold on a youth's minimisation: the next daily run minimises them if
/// they are due. The hold's row stays, with who lifted it and when. Lifting twice changes nothing.
pub async fn lift_minimisation_hold(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    youth_id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_manage_retention())?;
    let lifted_by = actor.person_id().ok_or(ServiceError::NotSignedIn)?;
    let txn = begin_write(db).await?;
    let Some(hold) = retention_hold::Entity::find()
        .filter(retention_hold::Column::YouthId.eq(youth_id))
        .filter(retention_hold::Column::LiftedAt.is_null())
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let mut lifted: retention_hold::ActiveModel = hold.into();
    lifted.lifted_by = Set(Some(lifted_by));
    lifted.lifted_at = Set(Some(now));
    lifted.update(&txn).await?;
    record_audit_event(
        &txn,
        Some(lifted_by),
        AuditAction::MinimisationHoldLifted,
        Some(youth_id.get()),
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
