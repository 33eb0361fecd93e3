use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, WorkshopTypeId};
use crate::services::catalogue::workshop_types::set_archived;

/// Offers an archived workshop type again. Restoring a type on offer changes nothing.
pub async fn restore_workshop_type(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: WorkshopTypeId,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    set_archived(db, actor, id, None, now).await
}
