use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, SiteForm, SiteId, SiteRecord};
use crate::entities::site;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;

/// Saves a site's opening hours and accessibility (what youths read before coming).
pub async fn update_site(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    site_id: SiteId,
    form: &SiteForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let site = load_editable_site(db, actor, site_id).await?;
    let record = SiteRecord::parse(form)?;
    let name = site.name.clone();
    let txn = begin_write(db).await?;
    let mut site = site.into_active_model();
    site.opening_hours = Set(record.opening_hours);
    site.step_free_access = Set(record.step_free_access);
    site.lift = Set(record.lift);
    site.hearing_loop = Set(record.hearing_loop);
    site.accessibility_notes = Set(record.accessibility_notes);
    site.update(&txn).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::SiteUpdated,
        None,
        name,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The site `site_id` if `actor` may change it.
pub(crate) async fn load_editable_site(
    db: &impl ConnectionTrait,
    actor: &Actor,
    site_id: SiteId,
) -> Result<site::Model, ServiceError> {
    require(actor, actor.may_manage_people())?;
    let site = site::Entity::find_by_id(site_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !actor.may_edit_site(site.mission_locale_id) {
        return Err(ServiceError::Forbidden);
    }
    Ok(site)
}
