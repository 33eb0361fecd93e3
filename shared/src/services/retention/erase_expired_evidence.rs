use std::collections::{BTreeSet, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    AuditAction, PARIS, PersonId, RetentionSettings, SessionId, format_session_date, paris_instant,
    pseudonym,
};
use crate::entities::{
    attendance_correction, attendance_document, attendance_half_day_closing, attendance_line,
    attendance_sheet, audit_event, document_seal, enrolment, enrolment_event, individual_contact,
    mail_outbox, minimisation, no_contact_alert, person, retention_hold, sensitive_flag_read,
    session_event, session_reminder, sms_gateway_id, sms_outbox, workshop_session, youth,
};
use crate::services::begin_write::begin_write;
use crate::services::record_audit_event::record_audit_event;
use crate::services::retention::minimise_personal_data::{
    delete_sign_in_and_calendars, held_youths,
};

/// What a run of [`erase_expired_evidence`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvidenceErasure {
    /// Sessions whose sheet, PDFs, attendance and enrolments were erased.
    pub sessions: usize,
    /// Youths erased, with all that was left of them.
    pub youths: usize,
    /// Youths of the programme kept: those on hold, and those who attended a session with
    /// them (the session stays whole while the hold stands, its participants with it).
    pub held: usize,
}

/// Once the evidence's own period is over (`RetentionSettings::evidence_expired`), erases the
/// programme's evidence: first each session held by the end of the programme's last payment
/// year (its sheet, closings, corrections, issued PDFs and their seals, attendance, enrolments),
/// then each youth who entered the programme by then (the person and everything left that
/// points at them). One transaction per session and per youth: a run stopped midway leaves each
/// whole or gone, and the next run carries on. A hold keeps the youth and all their sessions.
pub async fn erase_expired_evidence(
    db: &(impl ConnectionTrait + TransactionTrait),
    settings: &RetentionSettings,
    now: DateTime<Utc>,
) -> Result<EvidenceErasure, ServiceError> {
    let mut run = EvidenceErasure::default();
    let today = now.with_timezone(&PARIS).date_naive();
    let Some(programme_ends) = settings
        .programme_evidence_ends()
        .filter(|_| settings.evidence_expired(today))
    else {
        return Ok(run);
    };
    for session_id in sessions_with_evidence(db, programme_ends).await? {
        if erase_session_evidence(db, session_id, now).await? == Erased::Now {
            run.sessions += 1;
        }
    }
    let held = held_youths(db).await?;
    for youth_id in programme_youths(db, programme_ends).await? {
        if held.contains(&youth_id) {
            run.held += 1;
            continue;
        }
        match erase_youth(db, youth_id, programme_ends, now).await? {
            Erased::Now => run.youths += 1,
            Erased::OnHold => run.held += 1,
            Erased::Already => {}
        }
    }
    Ok(run)
}

/// What erasing one session or one youth found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Erased {
    Now,
    /// Nothing left: done before, or by another run meanwhile.
    Already,
    OnHold,
}

/// The first instant after the programme's evidence: midnight, Paris, the next day.
fn after_programme(programme_ends: NaiveDate) -> DateTime<Utc> {
    paris_instant(programme_ends + Duration::days(1), chrono::NaiveTime::MIN)
}

/// Sessions that started by the end of the programme and still hold evidence.
pub(crate) async fn sessions_with_evidence(
    db: &impl ConnectionTrait,
    programme_ends: NaiveDate,
) -> Result<Vec<SessionId>, ServiceError> {
    let programme: HashSet<SessionId> = workshop_session::Entity::find()
        .select_only()
        .column(workshop_session::Column::Id)
        .filter(workshop_session::Column::StartsAt.lt(after_programme(programme_ends)))
        .into_tuple::<SessionId>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut with_evidence = BTreeSet::new();
    with_evidence.extend(
        enrolment::Entity::find()
            .select_only()
            .column(enrolment::Column::SessionId)
            .distinct()
            .into_tuple::<SessionId>()
            .all(db)
            .await?,
    );
    with_evidence.extend(
        attendance_line::Entity::find()
            .select_only()
            .column(attendance_line::Column::SessionId)
            .distinct()
            .into_tuple::<SessionId>()
            .all(db)
            .await?,
    );
    with_evidence.extend(
        attendance_sheet::Entity::find()
            .select_only()
            .column(attendance_sheet::Column::SessionId)
            .into_tuple::<SessionId>()
            .all(db)
            .await?,
    );
    with_evidence.extend(
        attendance_document::Entity::find()
            .select_only()
            .column(attendance_document::Column::SessionId)
            .distinct()
            .into_tuple::<SessionId>()
            .all(db)
            .await?,
    );
    with_evidence.retain(|id| programme.contains(id));
    Ok(with_evidence.into_iter().collect())
}

/// Youths who entered the programme by its end: its participants.
pub(crate) async fn programme_youths(
    db: &impl ConnectionTrait,
    programme_ends: NaiveDate,
) -> Result<Vec<PersonId>, ServiceError> {
    Ok(youth::Entity::find()
        .select_only()
        .column(youth::Column::PersonId)
        .filter(youth::Column::ProgrammeEntryDate.lte(programme_ends))
        .order_by_asc(youth::Column::PersonId)
        .into_tuple::<PersonId>()
        .all(db)
        .await?)
}

/// Whether one of `youths` is on hold, read in the transaction that would erase them.
async fn any_on_hold(
    txn: &impl ConnectionTrait,
    youths: impl IntoIterator<Item = PersonId>,
) -> Result<bool, ServiceError> {
    let youths: Vec<PersonId> = youths.into_iter().collect();
    for chunk in youths.chunks(500) {
        let held = retention_hold::Entity::find()
            .filter(retention_hold::Column::YouthId.is_in(chunk.iter().copied()))
            .filter(retention_hold::Column::LiftedAt.is_null())
            .one(txn)
            .await?;
        if held.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `youth_id` is still enrolled or on the sheet of a session of the programme: one the
/// session pass kept, for a hold.
async fn on_a_kept_session(
    txn: &impl ConnectionTrait,
    youth_id: PersonId,
    programme_ends: NaiveDate,
) -> Result<bool, ServiceError> {
    let mut sessions: BTreeSet<SessionId> = BTreeSet::new();
    sessions.extend(
        enrolment::Entity::find()
            .select_only()
            .column(enrolment::Column::SessionId)
            .filter(enrolment::Column::YouthId.eq(youth_id))
            .into_tuple::<SessionId>()
            .all(txn)
            .await?,
    );
    sessions.extend(
        attendance_line::Entity::find()
            .select_only()
            .column(attendance_line::Column::SessionId)
            .filter(attendance_line::Column::YouthId.eq(youth_id))
            .into_tuple::<SessionId>()
            .all(txn)
            .await?,
    );
    if sessions.is_empty() {
        return Ok(false);
    }
    Ok(workshop_session::Entity::find()
        .filter(workshop_session::Column::Id.is_in(sessions))
        .filter(workshop_session::Column::StartsAt.lt(after_programme(programme_ends)))
        .one(txn)
        .await?
        .is_some())
}

/// Erases one session's evidence in one transaction, unless one of its youths is on hold.
async fn erase_session_evidence(
    db: &(impl ConnectionTrait + TransactionTrait),
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<Erased, ServiceError> {
    let txn = begin_write(db).await?;
    let mut session = workshop_session::Entity::find_by_id(session_id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // Two runs at once: the second waits here, then finds nothing left.
        session = session.lock_exclusive();
    }
    let Some(session) = session.one(&txn).await? else {
        return Ok(Erased::Already);
    };
    let mut youths: BTreeSet<PersonId> = BTreeSet::new();
    youths.extend(
        enrolment::Entity::find()
            .select_only()
            .column(enrolment::Column::YouthId)
            .filter(enrolment::Column::SessionId.eq(session_id))
            .into_tuple::<PersonId>()
            .all(&txn)
            .await?,
    );
    youths.extend(
        attendance_line::Entity::find()
            .select_only()
            .column(attendance_line::Column::YouthId)
            .filter(attendance_line::Column::SessionId.eq(session_id))
            .into_tuple::<PersonId>()
            .all(&txn)
            .await?,
    );
    if any_on_hold(&txn, youths).await? {
        return Ok(Erased::OnHold);
    }
    let documents: Vec<i32> = attendance_document::Entity::find()
        .select_only()
        .column(attendance_document::Column::Id)
        .filter(attendance_document::Column::SessionId.eq(session_id))
        .into_tuple()
        .all(&txn)
        .await?;
    if !documents.is_empty() {
        document_seal::Entity::delete_many()
            .filter(document_seal::Column::DocumentId.is_in(documents))
            .exec(&txn)
            .await?;
    }
    let mut erased = attendance_document::Entity::delete_many()
        .filter(attendance_document::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?
        .rows_affected;
    attendance_half_day_closing::Entity::delete_many()
        .filter(attendance_half_day_closing::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?;
    attendance_correction::Entity::delete_many()
        .filter(attendance_correction::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?;
    erased += attendance_line::Entity::delete_many()
        .filter(attendance_line::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?
        .rows_affected;
    erased += attendance_sheet::Entity::delete_many()
        .filter(attendance_sheet::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?
        .rows_affected;
    session_reminder::Entity::delete_many()
        .filter(session_reminder::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?;
    enrolment_event::Entity::delete_many()
        .filter(enrolment_event::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?;
    erased += enrolment::Entity::delete_many()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .exec(&txn)
        .await?
        .rows_affected;
    if erased == 0 {
        return Ok(Erased::Already);
    }
    record_audit_event(
        &txn,
        None,
        AuditAction::EvidenceErased,
        None,
        format!(
            "séance n° {session_id} du {} : feuille d'émargement, PDF, présences et inscriptions \
             effacés",
            format_session_date(session.starts_at)
        ),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Erased::Now)
}

/// Erases one youth in one transaction: every row left about them, then the person. Their
/// sessions' evidence went first; what remains is theirs alone (individual contacts,
/// messages, sign-in traces, the minimisation record) or names them as an actor (the audit
/// log, which keeps the line without the person). A youth still on a session of the programme
/// (kept whole for someone's hold) stays with it.
async fn erase_youth(
    db: &(impl ConnectionTrait + TransactionTrait),
    youth_id: PersonId,
    programme_ends: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Erased, ServiceError> {
    let txn = begin_write(db).await?;
    let mut file = youth::Entity::find_by_id(youth_id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        // Two runs at once: the second waits here, then finds the youth gone.
        file = file.lock_exclusive();
    }
    if file.one(&txn).await?.is_none() {
        return Ok(Erased::Already);
    }
    if any_on_hold(&txn, [youth_id]).await?
        || on_a_kept_session(&txn, youth_id, programme_ends).await?
    {
        return Ok(Erased::OnHold);
    }

    // Their evidence on sessions held after the programme (a late session of theirs), if any.
    attendance_correction::Entity::delete_many()
        .filter(attendance_correction::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    attendance_line::Entity::delete_many()
        .filter(attendance_line::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    session_reminder::Entity::delete_many()
        .filter(session_reminder::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    enrolment_event::Entity::delete_many()
        .filter(enrolment_event::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    enrolment::Entity::delete_many()
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;

    // What is theirs alone.
    individual_contact::Entity::delete_many()
        .filter(individual_contact::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    no_contact_alert::Entity::delete_many()
        .filter(no_contact_alert::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    sensitive_flag_read::Entity::delete_many()
        .filter(sensitive_flag_read::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    retention_hold::Entity::delete_many()
        .filter(retention_hold::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    minimisation::Entity::delete_many()
        .filter(minimisation::Column::YouthId.eq(youth_id))
        .exec(&txn)
        .await?;
    delete_sign_in_and_calendars(&txn, youth_id).await?;
    mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::PersonId.eq(youth_id))
        .exec(&txn)
        .await?;
    let texts: Vec<i32> = sms_outbox::Entity::find()
        .select_only()
        .column(sms_outbox::Column::Id)
        .filter(sms_outbox::Column::PersonId.eq(youth_id))
        .into_tuple()
        .all(&txn)
        .await?;
    for chunk in texts.chunks(500) {
        sms_gateway_id::Entity::delete_many()
            .filter(sms_gateway_id::Column::SmsId.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?;
    }
    sms_outbox::Entity::delete_many()
        .filter(sms_outbox::Column::PersonId.eq(youth_id))
        .exec(&txn)
        .await?;

    // Lines of logs that name them keep what happened, without them.
    audit_event::Entity::update_many()
        .col_expr(
            audit_event::Column::SubjectId,
            Expr::value(Option::<i32>::None),
        )
        .filter(audit_event::Column::SubjectId.eq(youth_id.get()))
        .exec(&txn)
        .await?;
    audit_event::Entity::update_many()
        .col_expr(
            audit_event::Column::ActorId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            audit_event::Column::IpAddress,
            Expr::value(Option::<String>::None),
        )
        .filter(audit_event::Column::ActorId.eq(youth_id))
        .exec(&txn)
        .await?;
    session_event::Entity::update_many()
        .col_expr(
            session_event::Column::ActorId,
            Expr::value(Option::<i32>::None),
        )
        .filter(session_event::Column::ActorId.eq(youth_id))
        .exec(&txn)
        .await?;
    enrolment_event::Entity::update_many()
        .col_expr(
            enrolment_event::Column::ActorId,
            Expr::value(Option::<i32>::None),
        )
        .filter(enrolment_event::Column::ActorId.eq(youth_id))
        .exec(&txn)
        .await?;

    youth::Entity::delete_by_id(youth_id).exec(&txn).await?;
    person::Entity::delete_by_id(youth_id).exec(&txn).await?;
    record_audit_event(
        &txn,
        None,
        AuditAction::EvidenceErased,
        None,
        format!(
            "{} : participant effacé à la fin de la conservation des preuves",
            pseudonym(youth_id)
        ),
        None,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(Erased::Now)
}
