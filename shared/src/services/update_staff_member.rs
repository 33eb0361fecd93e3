use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, TransactionSession,
    TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, StaffForm, StaffRecord};
use crate::entities::{mission_locale, person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;
use crate::services::youth_files::{check_email_is_free, unique_violation};

/// A coordinator corrects a staff account: name, email, role, Mission Locale, specialities. The
/// new rights apply at the next request (`identify_actor` reads the account every time).
pub async fn update_staff_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    staff_id: i32,
    form: &StaffForm,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let Some(actor_id) = actor.person_id() else {
        return Err(ServiceError::NotSignedIn);
    };
    if !actor.may_manage_staff() {
        return Err(ServiceError::Forbidden);
    }
    let Some((staff, Some(person))) = staff_member::Entity::find_by_id(staff_id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    else {
        return Err(ServiceError::NotFound);
    };
    let record = StaffRecord::parse(form)?;
    if let Some(ml) = record.mission_locale_id
        && mission_locale::Entity::find_by_id(ml)
            .one(db)
            .await?
            .is_none()
    {
        return Err(ServiceError::Invalid(
            "Choisissez la Mission Locale du conseiller ou de la conseillère.".into(),
        ));
    }
    if staff_id == actor_id && record.mission_locale_id.is_some() {
        return Err(ServiceError::Invalid(
            "Vous ne pouvez pas retirer votre propre rôle de coordination.".into(),
        ));
    }
    check_email_is_free(db, Some(record.email.as_str()), Some(staff_id)).await?;
    let txn = begin_write(db).await?;
    let mut person = person.into_active_model();
    person.first_name = Set(record.first_name.as_str().to_owned());
    person.last_name = Set(record.last_name.as_str().to_owned());
    person.email = Set(Some(record.email.as_str().to_owned()));
    person.update(&txn).await.map_err(unique_violation)?;
    let mut staff = staff.into_active_model();
    staff.role = Set(if record.mission_locale_id.is_some() {
        "counsellor"
    } else {
        "coordinator"
    }
    .to_owned());
    staff.mission_locale_id = Set(record.mission_locale_id);
    staff.disability_specialist = Set(record.disability_specialist);
    staff.justice_specialist = Set(record.justice_specialist);
    staff.update(&txn).await?;
    record_audit_event(
        &txn,
        Some(actor_id),
        AuditAction::StaffUpdated,
        Some(staff_id),
        "",
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
