use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, RoomForm, RoomId, RoomRecord};
use crate::entities::room;
use crate::services::begin_write::begin_write;
use crate::services::places::update_site::load_editable_site;
use crate::services::record_audit_event;

/// Renames a room or changes its capacity (after works, new furniture...).
pub async fn update_room(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    room_id: RoomId,
    form: &RoomForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let room = room::Entity::find_by_id(room_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let site = load_editable_site(db, actor, room.site_id).await?;
    let record = RoomRecord::parse(form)?;
    let before = format!("{} ({} places)", room.name, room.capacity);
    let txn = begin_write(db).await?;
    let mut room = room.into_active_model();
    room.name = Set(record.name.clone());
    room.capacity = Set(i32::try_from(record.capacity).unwrap_or(i32::MAX));
    room.update(&txn).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::RoomUpdated,
        None,
        format!(
            "{} — {before} → {} ({} places)",
            site.name, record.name, record.capacity
        ),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
