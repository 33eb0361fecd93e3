use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, WorkshopTypeForm, WorkshopTypeId, WorkshopTypeRecord};
use crate::entities::workshop_type;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::catalogue::workshop_types::{check_title_is_free, duplicate_title};
use crate::services::record_audit_event;

/// Adds a workshop to the catalogue. Returns its id.
pub async fn create_workshop_type(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &WorkshopTypeForm,
    now: DateTime<Utc>,
) -> Result<WorkshopTypeId, ServiceError> {
    require(actor, actor.may_edit_catalogue())?;
    let record = WorkshopTypeRecord::parse(form)?;
    check_title_is_free(db, &record.title, None).await?;
    let txn = begin_write(db).await?;
    let inserted = workshop_type::ActiveModel {
        title: Set(record.title.clone()),
        theme: Set(record.theme),
        description: Set(record.description),
        default_duration_minutes: Set(i32::from(record.default_duration_minutes)),
        default_capacity: Set(i32::from(record.default_capacity)),
        what_to_bring: Set(record.what_to_bring),
        suits: Set(record.suits),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(duplicate_title)?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::WorkshopTypeCreated,
        None,
        record.title,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(inserted.id)
}
