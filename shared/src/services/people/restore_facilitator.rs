use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId};
use crate::services::people::people_records::set_archived;
use crate::services::people::update_facilitator::load_facilitator_to_edit;

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
    set_archived(
        db,
        actor.person_id(),
        person,
        false,
        AuditAction::FacilitatorRestored,
        now,
    )
    .await
}
