use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::services::people::people_records::set_archived;
use crate::services::people::youth_files::load_youth_for;

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
    set_archived(
        db,
        actor.person_id(),
        loaded.person,
        true,
        AuditAction::YouthArchived,
        now,
    )
    .await
}
