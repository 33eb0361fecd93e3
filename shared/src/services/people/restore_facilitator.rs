use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::services::begin_write::begin_write;
use crate::services::people::update_facilitator::load_facilitator_to_edit;
use crate::services::record_audit_event;

/// Brings an archived guest facilitator back (archived by mistake, or coming again), with the
/// same permission as archiving. They sign in again by asking for a link: their old sessions
/// stay closed. Restoring one who is not archived changes nothing.
pub async fn restore_facilitator(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let person = load_facilitator_to_edit(db, actor, id).await?.person;
    if person.archived_at.is_none() {
        return Ok(());
    }
    let txn = begin_write(db).await?;
    let mut restored = person.into_active_model();
    restored.archived_at = Set(None);
    restored.update(&txn).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::FacilitatorRestored,
        Some(id.get()),
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
