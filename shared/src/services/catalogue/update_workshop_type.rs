use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, WorkshopTypeForm, WorkshopTypeId, WorkshopTypeRecord};
use crate::services::begin_write::begin_write;
use crate::services::catalogue::workshop_types::{
    check_title_is_free, duplicate_title, load_workshop_type,
};
use crate::services::record_audit_event;

/// Saves a workshop type's title, theme, description and defaults. Sessions already planned keep
/// their own duration and capacity.
pub async fn update_workshop_type(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: WorkshopTypeId,
    form: &WorkshopTypeForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let model = load_workshop_type(db, actor, id).await?;
    let record = WorkshopTypeRecord::parse(form)?;
    check_title_is_free(db, &record.title, Some(id)).await?;
    let details = if model.title == record.title {
        record.title.clone()
    } else {
        format!("{} → {}", model.title, record.title)
    };
    let txn = begin_write(db).await?;
    let mut active = model.into_active_model();
    active.title = Set(record.title);
    active.theme = Set(record.theme);
    active.description = Set(record.description);
    active.default_duration_minutes = Set(i32::from(record.default_duration_minutes));
    active.default_capacity = Set(i32::from(record.default_capacity));
    active.what_to_bring = Set(record.what_to_bring);
    active.suits = Set(record.suits);
    active.update(&txn).await.map_err(duplicate_title)?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::WorkshopTypeUpdated,
        None,
        details,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
