use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{AuditAction, PARIS, PersonId, RetentionSettings, initials, pseudonym};
use crate::entities::{
    audit_event, calendar_feed, calendar_invitation, enrolment, enrolment_event,
    individual_contact, login_session, mail_outbox, minimisation, person, retention_hold,
    sensitive_flag_read, sign_in_link, sms_outbox, sms_sign_in_code, youth,
};
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event::record_audit_event;
use crate::services::retention::erase_expired_evidence::{EvidenceErasure, erase_expired_evidence};

/// What a run of [`minimise_personal_data`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MinimisationRun {
    /// Youths minimised by this run.
    pub minimised: usize,
    /// Youths due but on hold.
    pub held: usize,
    /// What went once the evidence's own period was over (nothing before).
    pub evidence: EvidenceErasure,
}

/// The daily job: minimises every youth whose personal data is due (`RetentionSettings::
/// minimisation_due_on`) and not on hold, one transaction each (see [`minimise_youth`]); then,
/// once the evidence's own period is over, erases it ([`erase_expired_evidence`]).
/// Another run at the same time (another instance) skips whoever it finds done; a run stopped
/// midway leaves each youth either minimised or untouched, and the next run carries on.
pub async fn minimise_personal_data(
    db: &(impl ConnectionTrait + TransactionTrait),
    settings: &RetentionSettings,
    now: DateTime<Utc>,
) -> Result<MinimisationRun, ServiceError> {
    let today = now.with_timezone(&PARIS).date_naive();
    let mut run = MinimisationRun::default();
    let held = held_youths(db).await?;
    for youth_id in due_youths(db, settings, today).await? {
        if held.contains(&youth_id) {
            run.held += 1;
            continue;
        }
        if minimise_youth(db, settings, youth_id, When::Due, now).await? == Minimised::Now {
            run.minimised += 1;
        }
    }
    run.evidence = erase_expired_evidence(db, settings, now).await?;
    Ok(run)
}

/// Youths not minimised yet whose personal data is due on `today`.
pub(crate) async fn due_youths(
    db: &impl ConnectionTrait,
    settings: &RetentionSettings,
    today: NaiveDate,
) -> Result<Vec<PersonId>, ServiceError> {
    let done: HashSet<PersonId> = minimisation::Entity::find()
        .select_only()
        .column(minimisation::Column::YouthId)
        .into_tuple::<PersonId>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let youths: Vec<(PersonId, NaiveDate, Option<NaiveDate>)> = youth::Entity::find()
        .select_only()
        .columns([
            youth::Column::PersonId,
            youth::Column::ProgrammeEntryDate,
            youth::Column::ProgrammeExitDate,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let mut due: Vec<PersonId> = youths
        .into_iter()
        .filter(|(id, entry, exit)| {
            !done.contains(id) && settings.minimisation_due_on(*entry, *exit) <= today
        })
        .map(|(id, _, _)| id)
        .collect();
    due.sort();
    Ok(due)
}

/// Youths with a hold in force.
pub(crate) async fn held_youths(
    db: &impl ConnectionTrait,
) -> Result<HashSet<PersonId>, ServiceError> {
    Ok(retention_hold::Entity::find()
        .select_only()
        .column(retention_hold::Column::YouthId)
        .filter(retention_hold::Column::LiftedAt.is_null())
        .into_tuple::<PersonId>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// Why a youth is minimised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum When {
    /// Their personal data is due (the daily job).
    Due,
    /// They asked for erasure (a coordinator acts on it): whenever it is.
    Asked,
}

/// What [`minimise_youth`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Minimised {
    Now,
    Already,
    NotDue,
    OnHold,
    NoSuchYouth,
}

/// Minimises one youth in one transaction, or nothing: reads again, under the write lock,
/// whether they are still due (unless asked), not on hold and not done (the row in
/// `minimisations`, unique on the youth, settles two runs at once), then empties what is not
/// evidence (`domain::retention`).
pub(crate) async fn minimise_youth(
    db: &(impl ConnectionTrait + TransactionTrait),
    settings: &RetentionSettings,
    youth_id: PersonId,
    when: When,
    now: DateTime<Utc>,
) -> Result<Minimised, ServiceError> {
    let txn = begin_write(db).await?;
    let Some((youth, Some(person))) = youth::Entity::find_by_id(youth_id)
        .find_also_related(person::Entity)
        .one(&txn)
        .await?
    else {
        return Ok(Minimised::NoSuchYouth);
    };
    let today = now.with_timezone(&PARIS).date_naive();
    let due = settings.minimisation_due_on(youth.programme_entry_date, youth.programme_exit_date);
    let on_hold = retention_hold::Entity::find()
        .filter(retention_hold::Column::YouthId.eq(youth_id))
        .filter(retention_hold::Column::LiftedAt.is_null())
        .one(&txn)
        .await?
        .is_some();
    if on_hold {
        return Ok(Minimised::OnHold);
    }
    if when == When::Due && due > today {
        return Ok(Minimised::NotDue);
    }
    let filled = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
    let inserted = minimisation::Entity::insert(minimisation::ActiveModel {
        youth_id: Set(youth_id),
        minimised_at: Set(now),
        had_phone: Set(filled(&person.phone)),
        had_email: Set(filled(&person.email)),
        pseudonym: Set(pseudonym(youth_id)),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(minimisation::Column::YouthId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        // Done before, or by another run meanwhile.
        return Ok(Minimised::Already);
    }

    // The person: a pseudonym and initials, no contact, no sign-in.
    let old_phone = person.phone.clone();
    let mut emptied: person::ActiveModel = person.clone().into();
    emptied.first_name = Set(initials(&person.first_name, &person.last_name));
    emptied.last_name = Set(pseudonym(youth_id));
    emptied.email = Set(None);
    emptied.phone = Set(None);
    emptied.notice_channel = Set(None);
    emptied.sms_stopped_at = Set(None);
    emptied.archived_at = Set(Some(person.archived_at.unwrap_or(now)));
    emptied.update(&txn).await?;
    let mut file: youth::ActiveModel = youth.into();
    file.disability_recognised = Set(false);
    file.judicial_supervision = Set(false);
    file.update(&txn).await?;

    // Secrets and copies held for them.
    delete_sign_in_and_calendars(&txn, youth_id).await?;
    if let Some(phone) = old_phone {
        sms_sign_in_code::Entity::delete_many()
            .filter(sms_sign_in_code::Column::Phone.eq(phone))
            .exec(&txn)
            .await?;
    }
    sensitive_flag_read::Entity::delete_many()
        .filter(sensitive_flag_read::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;

    // Messages about them: who, what and the body go; that a message went, and when, stays.
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::EnvelopeTo, Expr::value(""))
        .col_expr(mail_outbox::Column::Subject, Expr::value(""))
        .col_expr(mail_outbox::Column::Content, Expr::value(""))
        .filter(mail_outbox::Column::PersonId.eq(youth_id))
        .exec(&txn)
        .await?;
    sms_outbox::Entity::update_many()
        .col_expr(sms_outbox::Column::ToNumber, Expr::value(""))
        .col_expr(sms_outbox::Column::Body, Expr::value(""))
        .filter(sms_outbox::Column::PersonId.eq(youth_id))
        .exec(&txn)
        .await?;

    // Free text typed about them.
    individual_contact::Entity::update_many()
        .col_expr(individual_contact::Column::Subject, Expr::value(""))
        .filter(individual_contact::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    enrolment::Entity::update_many()
        .col_expr(
            enrolment::Column::EndedReason,
            Expr::value(Option::<String>::None),
        )
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    enrolment_event::Entity::update_many()
        .col_expr(
            enrolment_event::Column::Reason,
            Expr::value(Option::<String>::None),
        )
        .filter(enrolment_event::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    audit_event::Entity::update_many()
        .col_expr(audit_event::Column::Details, Expr::value(""))
        .filter(audit_event::Column::SubjectId.eq(youth_id.get()))
        .exec(&txn)
        .await?;
    audit_event::Entity::update_many()
        .col_expr(
            audit_event::Column::IpAddress,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_event::Column::ActorId.eq(youth_id))
        .exec(&txn)
        .await?;

    record_audit_event(
        &txn,
        None,
        AuditAction::YouthMinimised,
        Some(youth_id.get()),
        match when {
            When::Due => format!(
                "{} mois après la sortie du programme ; les preuves pour le financeur sont \
                 conservées",
                settings.personal_data_months
            ),
            When::Asked => {
                "à la demande du jeune ; les preuves pour le financeur sont conservées".to_owned()
            }
        },
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Minimised::Now)
}

/// A person's sign-in links and sessions, calendar feed and calendar copies.
pub(crate) async fn delete_sign_in_and_calendars(
    txn: &impl ConnectionTrait,
    person_id: PersonId,
) -> Result<(), ServiceError> {
    sign_in_link::Entity::delete_many()
        .filter(sign_in_link::Column::PersonId.eq(person_id))
        .exec(txn)
        .await?;
    login_session::Entity::delete_many()
        .filter(login_session::Column::PersonId.eq(person_id))
        .exec(txn)
        .await?;
    calendar_feed::Entity::delete_many()
        .filter(calendar_feed::Column::PersonId.eq(person_id))
        .exec(txn)
        .await?;
    calendar_invitation::Entity::delete_many()
        .filter(calendar_invitation::Column::PersonId.eq(person_id))
        .exec(txn)
        .await?;
    Ok(())
}
