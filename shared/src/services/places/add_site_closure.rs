use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, ClosureForm, ClosureRecord, SiteId, format_day};
use crate::entities::site_closure;
use crate::services::begin_write::begin_write;
use crate::services::places::update_site::load_editable_site;
use crate::services::record_audit_event;

/// Records days a site is closed; planning then warns about sessions on those days.
pub async fn add_site_closure(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    site_id: SiteId,
    form: &ClosureForm,
    now: DateTime<Utc>,
) -> Result<i32, ServiceError> {
    let site = load_editable_site(db, actor, site_id).await?;
    let record = ClosureRecord::parse(form)?;
    let txn = begin_write(db).await?;
    let closure = site_closure::ActiveModel {
        site_id: Set(site.id),
        first_day: Set(record.first_day),
        last_day: Set(record.last_day),
        reason: Set(record.reason.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::SiteClosureAdded,
        None,
        format!(
            "{} : fermé du {} au {} ({})",
            site.name,
            format_day(record.first_day),
            format_day(record.last_day),
            record.reason
        ),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(closure.id)
}
