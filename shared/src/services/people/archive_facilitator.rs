use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::services::begin_write::begin_write;
use crate::services::people::update_facilitator::load_facilitator_to_edit;
use crate::services::record_audit_event;
use crate::services::sign_in::identify_actor::revoke_sessions_of;

/// Staff who keep a guest facilitator archive them when they no longer come: they leave the
/// list and cannot sign in; the sessions they ran keep their name. `restore_facilitator` brings
/// them back.
pub async fn archive_facilitator(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let person = load_facilitator_to_edit(db, actor, id).await?.person;
    if person.archived_at.is_some() {
        return Ok(());
    }
    let txn = begin_write(db).await?;
    let mut archived = person.into_active_model();
    archived.archived_at = Set(Some(now));
    archived.update(&txn).await?;
    revoke_sessions_of(&txn, id, now).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::FacilitatorArchived,
        Some(id.get()),
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
