use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, NewSiteForm, NewSiteRecord, PlacesRefusal, SiteId};
use crate::entities::{mission_locale, site};
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;

/// Adds a site to a Mission Locale (a counsellor: to their own; a coordinator: to any).
/// Returns the site's id.
pub async fn create_site(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &NewSiteForm,
    now: DateTime<Utc>,
) -> Result<SiteId, ServiceError> {
    let own_mission_locale = match actor {
        Actor::Anonymous => return Err(ServiceError::NotSignedIn),
        Actor::Counsellor {
            mission_locale_id, ..
        } => Some(*mission_locale_id),
        Actor::Coordinator { .. } => None,
        Actor::Youth { .. } | Actor::Facilitator { .. } => return Err(ServiceError::Forbidden),
    };
    let record = NewSiteRecord::parse(form)?;
    let Some(mission_locale_id) = record.mission_locale_id.or(own_mission_locale) else {
        return Err(PlacesRefusal::MissionLocaleRequired.into());
    };
    if !actor.may_edit_site(mission_locale_id) {
        return Err(ServiceError::Forbidden);
    }
    if mission_locale::Entity::find_by_id(mission_locale_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(PlacesRefusal::MissionLocaleRequired.into());
    }
    let txn = begin_write(db).await?;
    let site = site::ActiveModel {
        mission_locale_id: Set(mission_locale_id),
        name: Set(record.name.clone()),
        address: Set(record.address),
        opening_hours: Set(record.opening_hours),
        step_free_access: Set(false),
        lift: Set(false),
        hearing_loop: Set(false),
        accessibility_notes: Set(String::new()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::SiteCreated,
        None,
        record.name,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(site.id)
}
