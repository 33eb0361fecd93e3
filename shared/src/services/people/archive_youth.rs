use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::services::begin_write::begin_write;
use crate::services::people::youth_files::load_youth_for;
use crate::services::record_audit_event;
use crate::services::sign_in::identify_actor::revoke_sessions_of;

/// Archives a youth's file: it leaves the lists and the youth can no longer sign in, but
/// nothing is deleted (attendance sheets the funder audits keep pointing at it).
pub async fn archive_youth(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    youth_id: PersonId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let loaded = load_youth_for(db, actor, youth_id).await?;
    if !actor.may_edit_youth(&loaded.file) {
        return Err(ServiceError::Forbidden);
    }
    if loaded.person.archived_at.is_some() {
        return Ok(()); // archiving twice (a double tap) changes nothing
    }
    let txn = begin_write(db).await?;
    let mut person = loaded.person.into_active_model();
    person.archived_at = Set(Some(now));
    person.update(&txn).await?;
    revoke_sessions_of(&txn, youth_id, now).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::YouthArchived,
        Some(youth_id.get()),
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
