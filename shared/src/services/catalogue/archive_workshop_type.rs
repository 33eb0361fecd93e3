use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, WorkshopTypeId};
use crate::services::catalogue::workshop_types::set_archived;

/// Takes a workshop type out of the offer for new sessions. It stays in the catalogue, marked
/// archived, and keeps its sessions. Archiving an archived type changes nothing.
pub async fn archive_workshop_type(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: WorkshopTypeId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    set_archived(db, actor, id, Some(now), now).await
}
