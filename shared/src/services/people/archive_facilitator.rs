use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::services::people::people_records::set_archived;
use crate::services::people::update_facilitator::load_facilitator_to_edit;

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
    set_archived(
        db,
        actor.person_id(),
        person,
        true,
        AuditAction::FacilitatorArchived,
        now,
    )
    .await
}
