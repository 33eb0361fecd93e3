use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PeopleRefusal, PersonId, StaffForm, StaffRecord};
use crate::entities::{mission_locale, person, staff_member};
use crate::services::begin_write::begin_write;
use crate::services::people::youth_files::{check_email_is_free, full_name, unique_violation};
use crate::services::{LinkMail, MailSettings, issue_emailed_link, record_audit_event};

/// A coordinator opens a staff account; the new member receives a link to choose their
/// password (no password ever travels by mail). Returns the new account's id.
pub async fn create_staff_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &StaffForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<PersonId, ServiceError> {
    let Some(actor_id) = actor.person_id() else {
        return Err(ServiceError::NotSignedIn);
    };
    if !actor.may_manage_staff() {
        return Err(ServiceError::Forbidden);
    }
    let record = StaffRecord::parse(form)?;
    if let Some(ml) = record.mission_locale_id
        && mission_locale::Entity::find_by_id(ml)
            .one(db)
            .await?
            .is_none()
    {
        return Err(PeopleRefusal::UnknownMissionLocale.into());
    }
    check_email_is_free(db, Some(record.email.as_str()), None).await?;
    let author = full_name(db, actor_id).await?;

    let txn = begin_write(db).await?;
    let person = person::ActiveModel {
        first_name: Set(record.first_name.as_str().to_owned()),
        last_name: Set(record.last_name.as_str().to_owned()),
        email: Set(Some(record.email.as_str().to_owned())),
        phone: Set(None),
        created_at: Set(now),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_violation)?;
    staff_member::ActiveModel {
        person_id: Set(person.id),
        role: Set(if record.mission_locale_id.is_some() {
            "counsellor"
        } else {
            "coordinator"
        }
        .to_owned()),
        mission_locale_id: Set(record.mission_locale_id),
        disability_specialist: Set(record.disability_specialist),
        justice_specialist: Set(record.justice_specialist),
        password_hash: Set(None),
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        Some(actor_id),
        AuditAction::StaffCreated,
        Some(person.id.get()),
        "",
        None,
        now,
    )
    .await?;
    issue_emailed_link(
        &txn,
        &person,
        LinkMail::WelcomeStaff {
            coordinator: author,
        },
        mail,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(person.id)
}
