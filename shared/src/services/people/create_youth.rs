use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set, TransactionTrait};

use crate::ServiceError;
use crate::domain::sms::{SmsKind, welcome_text};
use crate::domain::{Actor, AuditAction, PersonId, PhoneNumber, YouthForm, YouthRecord};
use crate::entities::youth;
use crate::services::begin_write::begin_write;
use crate::services::people::people_records::{
    PersonFields, audit_and_commit, author_if, check_email_is_free, full_name, insert_person,
};
use crate::services::people::youth_files::choose_referent;
use crate::services::sms::youth_mission_locale::youth_mission_locale;
use crate::services::sms::{SmsToQueue, queue_sms};
use crate::services::{LinkMail, MailSettings, issue_emailed_link};

/// A counsellor (or coordinator) opens a youth's file. When the youth has an email, Ateliers
/// sends them a welcome mail with a sign-in link, in the same transaction as the file; a youth
/// with only a mobile gets a welcome SMS with the sign-in page, their number filled in (a code
/// by SMS then signs them in).
/// Returns the new youth's id.
pub async fn create_youth(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &YouthForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<PersonId, ServiceError> {
    let actor_id = author_if(actor, actor.may_manage_people())?;
    let record = YouthRecord::parse(form)?;
    let referent = choose_referent(db, actor, &form.referent_id).await?;
    let email = record.email.as_ref().map(|email| email.as_str());
    check_email_is_free(db, email, None).await?;
    let author = full_name(db, actor_id).await?;

    let txn = begin_write(db).await?;
    let person = insert_person(
        &txn,
        PersonFields {
            first_name: &record.first_name,
            last_name: &record.last_name,
            email: record.email.as_ref(),
            phone: record.phone.as_ref(),
        },
        now,
    )
    .await?;
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
    let welcome = LinkMail::WelcomeYouth { counsellor: author };
    issue_emailed_link(&txn, &person, welcome, mail, now).await?;
    if record.email.is_none()
        && let Some(mobile) = record.phone.as_ref().filter(|phone| phone.is_mobile())
    {
        welcome_by_sms(&txn, person.id, mobile, mail, now).await?;
    }
    audit_and_commit(
        txn,
        Some(actor_id),
        AuditAction::YouthCreated,
        person.id,
        format!(
            "Référent·e : {} {}",
            referent.person.first_name, referent.person.last_name
        ),
        now,
    )
    .await?;
    Ok(person.id)
}

/// The welcome SMS: where to sign in with a code, the number already typed.
async fn welcome_by_sms(
    txn: &impl ConnectionTrait,
    youth: PersonId,
    mobile: &PhoneNumber,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let digits: String = mobile
        .national()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let link = format!(
        "{}/connexion?tel={digits}",
        mail.site_url.trim_end_matches('/')
    );
    let sms = SmsToQueue {
        to: mobile,
        text: welcome_text(&link),
        kind: SmsKind::Welcome,
        person_id: Some(youth),
        session_id: None,
        mission_locale_id: youth_mission_locale(txn, youth).await?,
    };
    queue_sms(txn, sms, now).await?;
    Ok(())
}
