use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set, TransactionTrait};

use crate::ServiceError;
use crate::domain::{
    Actor, AuditAction, CHANGES_SEPARATOR, EMAIL_CHANGED, PeopleRefusal, PersonId, StaffForm,
    StaffRecord,
};
use crate::services::MailSettings;
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{
    audit_and_commit, author_if, check_email_is_free, check_mission_locale_exists,
    load_staff_member, staff_role, unique_violation,
};
use crate::services::people::retire_old_address::retire_old_address;

/// A coordinator corrects a staff account: name, email, role, Mission Locale, specialities. The
/// new rights apply at the next request (`identify_actor` reads the account every time). A new
/// address spends the links sent to the old one (a welcome link sent to a typo would open the
/// account) and ends the sessions, and the old address is told (see `retire_old_address`).
pub async fn update_staff_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    staff_id: PersonId,
    form: &StaffForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let actor_id = author_if(actor, actor.may_manage_staff())?;
    let (staff, person) = load_staff_member(db, staff_id).await?;
    let record = StaffRecord::parse(form)?;
    check_mission_locale_exists(db, record.mission_locale_id).await?;
    if staff_id == actor_id && record.mission_locale_id.is_some() {
        return Err(PeopleRefusal::OwnCoordinationRole.into());
    }
    check_email_is_free(db, Some(record.email.as_str()), Some(staff_id)).await?;
    let mut changes = Vec::new();
    let mut note = |label: &str, before: &str, after: &str| {
        if before != after {
            changes.push(format!("{label} : {before} → {after}"));
        }
    };
    note("prénom", &person.first_name, record.first_name.as_str());
    note("nom", &person.last_name, record.last_name.as_str());
    if staff.mission_locale_id != record.mission_locale_id {
        changes.push("rôle ou Mission Locale modifiés".to_owned());
    }
    if staff.disability_specialist != record.disability_specialist
        || staff.justice_specialist != record.justice_specialist
    {
        changes.push("spécialités modifiées".to_owned());
    }
    let txn = begin_write(db).await?;
    if retire_old_address(&txn, &person, Some(record.email.as_str()), mail, now).await? {
        changes.push(EMAIL_CHANGED.to_owned());
    }
    let mut person = person.into_active_model();
    person.first_name = Set(record.first_name.as_str().to_owned());
    person.last_name = Set(record.last_name.as_str().to_owned());
    person.email = Set(Some(record.email.as_str().to_owned()));
    person.update(&txn).await.map_err(unique_violation)?;
    let mut staff = staff.into_active_model();
    staff.role = Set(staff_role(record.mission_locale_id).to_owned());
    staff.mission_locale_id = Set(record.mission_locale_id);
    staff.disability_specialist = Set(record.disability_specialist);
    staff.justice_specialist = Set(record.justice_specialist);
    staff.update(&txn).await?;
    audit_and_commit(
        txn,
        Some(actor_id),
        AuditAction::StaffUpdated,
        staff_id,
        changes.join(CHANGES_SEPARATOR),
        now,
    )
    .await
}
