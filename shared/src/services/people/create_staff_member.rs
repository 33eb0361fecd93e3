use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId, StaffForm, StaffRecord};
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{
    audit_and_commit, author_if, check_email_is_free, check_mission_locale_exists, full_name,
    insert_staff_account,
};
use crate::services::{LinkMail, MailSettings, issue_emailed_link};

/// A coordinator opens a staff account; the new member receives a link to choose their
/// password (no password ever travels by mail). Returns the new account's id.
pub async fn create_staff_member(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &StaffForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<PersonId, ServiceError> {
    let actor_id = author_if(actor, actor.may_manage_staff())?;
    let record = StaffRecord::parse(form)?;
    check_mission_locale_exists(db, record.mission_locale_id).await?;
    check_email_is_free(db, Some(record.email.as_str()), None).await?;
    let author = full_name(db, actor_id).await?;

    let txn = begin_write(db).await?;
    let person = insert_staff_account(&txn, &record, now).await?;
    let welcome = LinkMail::WelcomeStaff {
        coordinator: author,
    };
    issue_emailed_link(&txn, &person, welcome, mail, now).await?;
    audit_and_commit(
        txn,
        Some(actor_id),
        AuditAction::StaffCreated,
        person.id,
        "",
        now,
    )
    .await?;
    Ok(person.id)
}
