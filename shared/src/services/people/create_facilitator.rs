use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, FacilitatorForm, FacilitatorRecord, PersonId};
use crate::entities::facilitator;
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{
    PersonFields, audit_and_commit, author_if, check_email_is_free, full_name, insert_person,
};
use crate::services::{LinkMail, MailSettings, issue_emailed_link};

/// A counsellor adds a guest facilitator (a journalist, a recruiter...), who receives a welcome
/// mail with a sign-in link. Returns the facilitator's id.
pub async fn create_facilitator(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &FacilitatorForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<PersonId, ServiceError> {
    let actor_id = author_if(actor, actor.may_manage_people())?;
    let record = FacilitatorRecord::parse(form)?;
    check_email_is_free(db, Some(record.email.as_str()), None).await?;
    let author = full_name(db, actor_id).await?;

    let txn = begin_write(db).await?;
    let person = insert_person(
        &txn,
        PersonFields {
            first_name: &record.first_name,
            last_name: &record.last_name,
            email: Some(&record.email),
            phone: record.phone.as_ref(),
        },
        now,
    )
    .await?;
    facilitator::ActiveModel {
        person_id: Set(person.id),
        organisation: Set(record.organisation.clone()),
        added_by: Set(Some(actor_id)),
    }
    .insert(&txn)
    .await?;
    let welcome = LinkMail::WelcomeFacilitator { counsellor: author };
    issue_emailed_link(&txn, &person, welcome, mail, now).await?;
    audit_and_commit(
        txn,
        Some(actor_id),
        AuditAction::FacilitatorCreated,
        person.id,
        record.organisation,
        now,
    )
    .await?;
    Ok(person.id)
}
