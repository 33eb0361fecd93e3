use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

use crate::ServiceError;
use crate::domain::{AuditAction, PersonId};
use crate::entities::audit_event;

/// Appends a line to the audit log. Call it on the transaction of the change it records.
pub async fn record_audit_event(
    db: &impl ConnectionTrait,
    actor_id: Option<PersonId>,
    action: AuditAction,
    subject_id: Option<i32>,
    details: impl Into<String>,
    ip_address: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    audit_event::ActiveModel {
        at: Set(now),
        actor_id: Set(actor_id),
        action: Set(action.code().to_owned()),
        subject_id: Set(subject_id),
        details: Set(details.into()),
        ip_address: Set(ip_address.map(str::to_owned)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
