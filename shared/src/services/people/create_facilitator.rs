use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, FacilitatorForm, FacilitatorRecord, PersonId};
use crate::entities::{facilitator, person};
use crate::services::begin_write::begin_write;
use crate::services::people::youth_files::{check_email_is_free, full_name, unique_violation};
use crate::services::{LinkMail, MailSettings, issue_emailed_link, record_audit_event};

/// A counsellor adds a guest facilitator (a journalist, a recruiter...), who receives a welcome
/// mail with a sign-in link. Returns the facilitator's id.
pub async fn create_facilitator(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &FacilitatorForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<PersonId, ServiceError> {
    let Some(actor_id) = actor.person_id() else {
        return Err(ServiceError::NotSignedIn);
    };
    if !actor.may_manage_people() {
        return Err(ServiceError::Forbidden);
    }
    let record = FacilitatorRecord::parse(form)?;
    check_email_is_free(db, Some(record.email.as_str()), None).await?;
    let author = full_name(db, actor_id).await?;

    let txn = begin_write(db).await?;
    let person = person::ActiveModel {
        first_name: Set(record.first_name.as_str().to_owned()),
        last_name: Set(record.last_name.as_str().to_owned()),
        email: Set(Some(record.email.as_str().to_owned())),
        phone: Set(record
            .phone
            .as_ref()
            .map(|phone| phone.international().to_owned())),
        created_at: Set(now),
        archived_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_violation)?;
    facilitator::ActiveModel {
        person_id: Set(person.id),
        organisation: Set(record.organisation.clone()),
        added_by: Set(Some(actor_id)),
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        Some(actor_id),
        AuditAction::FacilitatorCreated,
        Some(person.id.get()),
        record.organisation,
        None,
        now,
    )
    .await?;
    issue_emailed_link(
        &txn,
        &person,
        LinkMail::WelcomeFacilitator { counsellor: author },
        mail,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(person.id)
}
