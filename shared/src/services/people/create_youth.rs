use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionSession, TransactionTrait};

use crate::ServiceError;
use crate::domain::{Actor, AuditAction, PersonId, YouthForm, YouthRecord};
use crate::entities::{person, youth};
use crate::services::begin_write::begin_write;
use crate::services::people::youth_files::{
    check_email_is_free, choose_referent, full_name, unique_violation,
};
use crate::services::{LinkMail, MailSettings, issue_emailed_link, record_audit_event};

/// A counsellor (or coordinator) opens a youth's file. When the youth has an email, Ateliers
/// sends them a welcome mail with a sign-in link, in the same transaction as the file.
/// Returns the new youth's id.
pub async fn create_youth(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &YouthForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<PersonId, ServiceError> {
    let Some(actor_id) = actor.person_id() else {
        return Err(ServiceError::NotSignedIn);
    };
    if !actor.may_manage_people() {
        return Err(ServiceError::Forbidden);
    }
    let record = YouthRecord::parse(form)?;
    let referent = choose_referent(db, actor, &form.referent_id).await?;
    let email = record.email.as_ref().map(|email| email.as_str().to_owned());
    check_email_is_free(db, email.as_deref(), None).await?;
    let author = full_name(db, actor_id).await?;

    let txn = begin_write(db).await?;
    let person = person::ActiveModel {
        first_name: Set(record.first_name.as_str().to_owned()),
        last_name: Set(record.last_name.as_str().to_owned()),
        email: Set(email),
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
    youth::ActiveModel {
        person_id: Set(person.id),
        referent_id: Set(referent.person.id),
        date_of_birth: Set(record.date_of_birth),
        gender: Set(record.gender.code().to_owned()),
        programme_entry_date: Set(record.programme_entry_date),
        programme_exit_date: Set(record.programme_exit.map(|(date, _)| date)),
        exit_outcome: Set(record
            .programme_exit
            .map(|(_, outcome)| outcome.code().to_owned())),
        disability_recognised: Set(record.disability_recognised),
        judicial_supervision: Set(record.judicial_supervision),
        version: Set(0),
    }
    .insert(&txn)
    .await?;
    record_audit_event(
        &txn,
        Some(actor_id),
        AuditAction::YouthCreated,
        Some(person.id.get()),
        format!(
            "Référent·e : {} {}",
            referent.person.first_name, referent.person.last_name
        ),
        None,
        now,
    )
    .await?;
    issue_emailed_link(
        &txn,
        &person,
        LinkMail::WelcomeYouth { counsellor: author },
        mail,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(person.id)
}
