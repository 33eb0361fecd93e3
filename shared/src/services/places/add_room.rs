use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, RoomForm, RoomId, RoomRecord, SiteId};
use crate::entities::room;
use crate::services::begin_write::begin_write;
use crate::services::places::update_site::load_editable_site;
use crate::services::record_audit_event;

/// Adds a room to a site. Returns the room's id.
pub async fn add_room(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    site_id: SiteId,
    form: &RoomForm,
    now: DateTime<Utc>,
) -> Result<RoomId, ServiceError> {
    let site = load_editable_site(db, actor, site_id).await?;
    let record = RoomRecord::parse(form)?;
    let txn = begin_write(db).await?;
    let room = room::ActiveModel {
        site_id: Set(site.id),
        name: Set(record.name.clone()),
        capacity: Set(i32::try_from(record.capacity).unwrap_or(i32::MAX)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::RoomAdded,
        None,
        format!(
            "{} — {} ({} places)",
            site.name, record.name, record.capacity
        ),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(room.id)
}
