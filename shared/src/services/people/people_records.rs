//! The database steps the people use cases share (not use cases themselves): who may change a
//! file, the `people` row every file starts with, staff accounts, archiving, and the audit line
//! each change ends with.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, AuditAction, EmailAddress, MissionLocaleId, PeopleRefusal, PersonId, PersonName,
    PhoneNumber, StaffRecord,
};
use crate::entities::{mission_locale, person, staff_member};
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event;
use crate::services::sign_in::identify_actor::revoke_sessions_of;

/// The signed-in person about to change a file, when the policy `allowed` it: the anonymous
/// must sign in (401), anyone else refused is forbidden (403).
pub(crate) fn author_if(actor: &Actor, allowed: bool) -> Result<PersonId, ServiceError> {
    require(actor, allowed)?;
    actor.person_id().ok_or(ServiceError::NotSignedIn)
}

/// What a `people` row holds of a parsed record, whatever the kind of file.
pub(crate) struct PersonFields<'a> {
    pub first_name: &'a PersonName,
    pub last_name: &'a PersonName,
    pub email: Option<&'a EmailAddress>,
    pub phone: Option<&'a PhoneNumber>,
}

/// Inserts the `people` row of a new file, not archived; a taken email is refused as such.
pub(crate) async fn insert_person(
    txn: &impl ConnectionTrait,
    fields: PersonFields<'_>,
    now: DateTime<Utc>,
) -> Result<person::Model, ServiceError> {
    person::ActiveModel {
        first_name: Set(fields.first_name.as_str().to_owned()),
        last_name: Set(fields.last_name.as_str().to_owned()),
        email: Set(fields.email.map(|email| email.as_str().to_owned())),
        phone: Set(fields.phone.map(|phone| phone.international().to_owned())),
        created_at: Set(now),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(unique_violation)
}

/// The stored role of a staff account: a counsellor belongs to a Mission Locale, a
/// coordinator to none.
pub(crate) fn staff_role(mission_locale_id: Option<MissionLocaleId>) -> &'static str {
    if mission_locale_id.is_some() {
        "counsellor"
    } else {
        "coordinator"
    }
}

/// Inserts a staff account (its `people` row and its `staff_members` row), without a password:
/// the new member chooses one from a mailed link.
pub(crate) async fn insert_staff_account(
    txn: &impl ConnectionTrait,
    record: &StaffRecord,
    now: DateTime<Utc>,
) -> Result<person::Model, ServiceError> {
    let person = insert_person(
        txn,
        PersonFields {
            first_name: &record.first_name,
            last_name: &record.last_name,
            email: Some(&record.email),
            phone: None,
        },
        now,
    )
    .await?;
    staff_member::ActiveModel {
        person_id: Set(person.id),
        role: Set(staff_role(record.mission_locale_id).to_owned()),
        mission_locale_id: Set(record.mission_locale_id),
        disability_specialist: Set(record.disability_specialist),
        justice_specialist: Set(record.justice_specialist),
        password_hash: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(person)
}

/// Refuses a Mission Locale a staff form names that does not exist.
pub(crate) async fn check_mission_locale_exists(
    db: &impl ConnectionTrait,
    mission_locale_id: Option<MissionLocaleId>,
) -> Result<(), ServiceError> {
    if let Some(id) = mission_locale_id
        && mission_locale::Entity::find_by_id(id)
            .one(db)
            .await?
            .is_none()
    {
        return Err(PeopleRefusal::UnknownMissionLocale.into());
    }
    Ok(())
}

/// The staff account `staff_id` with its person row, or `NotFound`.
pub(crate) async fn load_staff_member(
    db: &impl ConnectionTrait,
    staff_id: PersonId,
) -> Result<(staff_member::Model, person::Model), ServiceError> {
    match staff_member::Entity::find_by_id(staff_id)
        .find_also_related(person::Entity)
        .one(db)
        .await?
    {
        Some((staff, Some(person))) => Ok((staff, person)),
        _ => Err(ServiceError::NotFound),
    }
}

/// Archives `person` (`archived`: they leave the lists and their sessions end, so they can no
/// longer sign in) or restores them, and logs it as `action`. Nothing is deleted.
pub(crate) async fn set_archived(
    db: &(impl ConnectionTrait + TransactionTrait),
    author: Option<PersonId>,
    person: person::Model,
    archived: bool,
    action: AuditAction,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let id = person.id;
    let txn = begin_write(db).await?;
    let mut changed = person.into_active_model();
    changed.archived_at = Set(archived.then_some(now));
    changed.update(&txn).await?;
    if archived {
        revoke_sessions_of(&txn, id, now).await?;
    }
    audit_and_commit(txn, author, action, id, "", now).await
}

/// Ends a change to `subject`'s file: the audit line, in the change's transaction, then the
/// commit.
pub(crate) async fn audit_and_commit(
    txn: impl ConnectionTrait + TransactionSession,
    author: Option<PersonId>,
    action: AuditAction,
    subject: PersonId,
    details: impl Into<String>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    record_audit_event(
        &txn,
        author,
        action,
        Some(subject.get()),
        details,
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses an email another person already has (`except` is the person being edited). The
/// unique index has the last word when two counsellors race; see [`unique_violation`].
pub(crate) async fn check_email_is_free(
    db: &impl ConnectionTrait,
    email: Option<&str>,
    except: Option<PersonId>,
) -> Result<(), ServiceError> {
    let Some(email) = email else { return Ok(()) };
    let mut query = person::Entity::find().filter(person::Column::Email.eq(email));
    if let Some(except) = except {
        query = query.filter(person::Column::Id.ne(except));
    }
    if query.one(db).await?.is_some() {
        return Err(PeopleRefusal::EmailTaken.into());
    }
    Ok(())
}

/// A unique-index violation on insert or update, as the duplicate-email refusal.
pub(crate) fn unique_violation(error: sea_orm::DbErr) -> ServiceError {
    match error.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => PeopleRefusal::EmailTaken.into(),
        _ => ServiceError::Database(error),
    }
}

/// "First Last" of a person, for mail that says who did something; empty if unknown.
pub(crate) async fn full_name(
    db: &impl ConnectionTrait,
    person_id: PersonId,
) -> Result<String, ServiceError> {
    Ok(person::Entity::find_by_id(person_id)
        .one(db)
        .await?
        .map(|person| format!("{} {}", person.first_name, person.last_name))
        .unwrap_or_default())
}
