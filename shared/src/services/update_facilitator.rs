use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, FacilitatorForm, FacilitatorRecord};
use crate::entities::{facilitator, person};
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;
use crate::services::youth_files::{check_email_is_free, unique_violation};

/// The facilitator `id` with their person row, for staff.
pub(crate) async fn load_facilitator_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<(facilitator::Model, person::Model), ServiceError> {
    require(actor, actor.may_manage_people())?;
    match facilitator::Entity::find_by_id(id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    {
        Some((facilitator, Some(person))) => Ok((facilitator, person)),
        _ => Err(ServiceError::NotFound),
    }
}

/// Staff correct a guest facilitator's details.
pub async fn update_facilitator(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    id: i32,
    form: &FacilitatorForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let (facilitator, person) = load_facilitator_for(db, actor, id).await?;
    if person.archived_at.is_some() {
        return Err(ServiceError::Invalid(
            "Cet intervenant est archivé : sa fiche ne peut plus être modifiée.".into(),
        ));
    }
    let record = FacilitatorRecord::parse(form)?;
    check_email_is_free(db, Some(record.email.as_str()), Some(id)).await?;
    let txn = begin_write(db).await?;
    let mut person = person.into_active_model();
    person.first_name = Set(record.first_name.as_str().to_owned());
    person.last_name = Set(record.last_name.as_str().to_owned());
    person.email = Set(Some(record.email.as_str().to_owned()));
    person.phone = Set(record
        .phone
        .as_ref()
        .map(|phone| phone.international().to_owned()));
    person.update(&txn).await.map_err(unique_violation)?;
    let mut facilitator = facilitator.into_active_model();
    facilitator.organisation = Set(record.organisation.clone());
    facilitator.update(&txn).await?;
    record_audit_event(
        &txn,
        actor.person_id(),
        AuditAction::FacilitatorUpdated,
        Some(id),
        record.organisation,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
