use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::sms::NoticeChannel;
use crate::domain::{
    Actor, ArchiveAttendance, ArchiveContact, ArchiveEvent, ArchiveFlags, ArchiveIdentity,
    ArchiveMessage, ArchivePlace, ArchiveProgramme, AuditAction, EnrolmentStatus, ExitOutcome,
    Gender, HalfDay, PARIS, PersonId, SensitiveFlagsVisibility, SessionId, YouthArchive,
    format_day, format_instant, half_day_name, half_days_of, history_details_for,
};
use crate::entities::{
    attendance_line, audit_event, enrolment, mail_outbox, person, sensitive_flag_read, sms_outbox,
    workshop_session, workshop_type,
};
use crate::services::DownloadedFile;
use crate::services::access_guard::require;
use crate::services::people::youth_contacts::individual_contacts;
use crate::services::people::youth_files::{load_youth_for, record_flag_read};
use crate::services::record_audit_event::record_audit_event;

/// Everything Ateliers holds about a youth (`domain::youth_archive`), as one ZIP archive of a
/// readable page and a JSON file: for the youth themself, their referent or a coordinator.
/// Each archive produced is audited on the youth; when someone else produces it, the read of
/// the sensitive flags it holds is recorded too.
pub async fn export_youth_data(
    db: &impl ConnectionTrait,
    actor: &Actor,
    youth_id: PersonId,
    now: DateTime<Utc>,
) -> Result<DownloadedFile, ServiceError> {
    let loaded = load_youth_for(db, actor, youth_id).await?;
    require(actor, actor.may_export_youth_data(&loaded.file))?;
    let archive = collect(db, &loaded, now).await?;
    let json = serde_json::to_vec_pretty(&archive)
        .map_err(|error| ServiceError::Invalid(format!("archive: {error}")))?;
    let content = zipped(&[
        ("mes-donnees.html", archive.html().into_bytes()),
        ("mes-donnees.json", json),
    ])
    .map_err(|_| ServiceError::Invalid("L'archive n'a pas pu être produite.".into()))?;

    let reader = actor.person_id();
    if reader != Some(youth_id)
        && let Some(reader) = reader
    {
        record_flag_read(db, youth_id, reader, SensitiveFlagsVisibility::ALL, now).await?;
    }
    record_audit_event(
        db,
        reader,
        AuditAction::YouthDataExported,
        Some(youth_id.get()),
        if reader == Some(youth_id) {
            "par le jeune"
        } else {
            "pour le jeune"
        },
        None,
        now,
    )
    .await?;
    Ok(DownloadedFile {
        file_name: "mes-donnees-ateliers.zip".to_owned(),
        content_type: "application/zip".to_owned(),
        content,
    })
}

async fn collect(
    db: &impl ConnectionTrait,
    loaded: &super::youth_files::LoadedYouth,
    now: DateTime<Utc>,
) -> Result<YouthArchive, ServiceError> {
    let (person, youth) = (&loaded.person, &loaded.youth);
    let youth_id = youth.person_id;
    let places = enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .order_by_asc(enrolment::Column::RequestedAt)
        .all(db)
        .await?;
    let lines = attendance_line::Entity::find()
        .filter(attendance_line::Column::YouthId.eq(youth_id))
        .filter(attendance_line::Column::Confirmed.eq(true))
        .all(db)
        .await?;
    let session_ids: BTreeSet<SessionId> = places
        .iter()
        .map(|place| place.session_id)
        .chain(lines.iter().map(|line| line.session_id))
        .collect();
    let sessions = workshop_titles(db, session_ids).await?;
    let session = |id: SessionId| {
        sessions
            .get(&id)
            .map(|(title, day, _)| (title.clone(), day.clone()))
            .unwrap_or_default()
    };
    // A full day's line says which half-day it is: « jeudi 12 mars 2026 (matin) ».
    let half_day_of = |line: &attendance_line::Model| {
        let (title, day) = session(line.session_id);
        match sessions.get(&line.session_id) {
            Some((_, _, halves)) if halves.len() > 1 => (
                title,
                format!(
                    "{day} ({})",
                    half_day_name(halves, line.half_day).to_lowercase()
                ),
            ),
            _ => (title, day),
        }
    };

    let mail = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::PersonId.eq(youth_id))
        .order_by_asc(mail_outbox::Column::CreatedAt)
        .all(db)
        .await?;
    let sms = sms_outbox::Entity::find()
        .filter(sms_outbox::Column::PersonId.eq(youth_id))
        .order_by_asc(sms_outbox::Column::CreatedAt)
        .all(db)
        .await?;
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(youth_id.get()))
        .order_by_asc(audit_event::Column::At)
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    let reads = sensitive_flag_read::Entity::find()
        .filter(sensitive_flag_read::Column::YouthId.eq(youth_id))
        .order_by_asc(sensitive_flag_read::Column::ReadAt)
        .all(db)
        .await?;
    let names = names_of(
        db,
        events
            .iter()
            .filter_map(|event| event.actor_id)
            .chain(reads.iter().map(|read| read.reader_id)),
    )
    .await?;
    let name = |id: Option<PersonId>| {
        id.and_then(|id| names.get(&id).cloned())
            .unwrap_or_else(|| "Ateliers".to_owned())
    };

    let mut messages: Vec<(DateTime<Utc>, ArchiveMessage)> = mail
        .into_iter()
        .map(|mail| {
            (
                mail.created_at,
                ArchiveMessage {
                    at: format_instant(mail.created_at),
                    channel: "E-mail".to_owned(),
                    about: mail.subject,
                },
            )
        })
        .chain(sms.into_iter().map(|sms| {
            (
                sms.created_at,
                ArchiveMessage {
                    at: format_instant(sms.created_at),
                    channel: "SMS".to_owned(),
                    about: sms.body,
                },
            )
        }))
        .collect();
    messages.sort_by_key(|(at, _)| *at);

    let mut contacts = individual_contacts(db, &[youth_id])
        .await?
        .remove(&youth_id)
        .unwrap_or_default();
    contacts.sort_by_key(|contact| contact.day);

    Ok(YouthArchive {
        produced_at: format_instant(now),
        identity: ArchiveIdentity {
            first_name: person.first_name.clone(),
            last_name: person.last_name.clone(),
            date_of_birth: youth.date_of_birth.format("%Y-%m-%d").to_string(),
            gender: Gender::parse(&youth.gender)
                .map(|gender| gender.label().to_owned())
                .unwrap_or_default(),
            email: person.email.clone(),
            phone: person.phone.clone(),
            notices: person
                .notice_channel
                .map_or("Selon les coordonnées connues", NoticeChannel::label)
                .to_owned(),
        },
        programme: ArchiveProgramme {
            entry: format_day(youth.programme_entry_date),
            exit: youth.programme_exit_date.map(format_day),
            exit_outcome: youth
                .exit_outcome
                .as_deref()
                .and_then(|code| ExitOutcome::parse(code).ok())
                .map(|outcome| outcome.label().to_owned()),
            referent: format!(
                "{} {}",
                loaded.referent.first_name, loaded.referent.last_name
            ),
            mission_locale: loaded.mission_locale_name.clone(),
        },
        sensitive_flags: ArchiveFlags {
            disability_recognised: youth.disability_recognised,
            judicial_supervision: youth.judicial_supervision,
        },
        places: places
            .iter()
            .map(|place| {
                let (workshop, day) = session(place.session_id);
                ArchivePlace {
                    workshop,
                    day,
                    status: match place.status {
                        EnrolmentStatus::Registered => "Inscrit·e",
                        EnrolmentStatus::Waiting => "Liste d'attente",
                        EnrolmentStatus::Cancelled => "Annulée",
                        EnrolmentStatus::Removed => "Retiré·e par la Mission Locale",
                    }
                    .to_owned(),
                }
            })
            .collect(),
        attendance: lines
            .iter()
            .map(|line| {
                let (workshop, day) = half_day_of(line);
                ArchiveAttendance {
                    workshop,
                    day,
                    status: line.status.label().to_owned(),
                    signed: line.signature.is_some(),
                }
            })
            .collect(),
        individual_contacts: contacts
            .into_iter()
            .map(|contact| ArchiveContact {
                day: format_day(contact.day),
                kind: contact.kind.label().to_owned(),
                minutes: contact.minutes,
                subject: contact.subject,
            })
            .collect(),
        messages: messages.into_iter().map(|(_, message)| message).collect(),
        history: events
            .into_iter()
            .map(|event| {
                let action = AuditAction::from_code(&event.action)
                    .map(AuditAction::label)
                    .unwrap_or("Action");
                let details = history_details_for(&event.details, SensitiveFlagsVisibility::ALL)
                    .unwrap_or_default();
                ArchiveEvent {
                    at: format_instant(event.at),
                    who: name(event.actor_id),
                    what: if details.is_empty() {
                        action.to_owned()
                    } else {
                        format!("{action} — {details}")
                    },
                }
            })
            .collect(),
        sensitive_reads: reads
            .into_iter()
            .map(|read| ArchiveEvent {
                at: format_instant(read.read_at),
                who: name(Some(read.reader_id)),
                what: SensitiveFlagsVisibility::read_label(&read.flags),
            })
            .collect(),
    })
}

/// Each session's workshop title, Paris day and half-days.
async fn workshop_titles(
    db: &impl ConnectionTrait,
    ids: BTreeSet<SessionId>,
) -> Result<HashMap<SessionId, (String, String, Vec<HalfDay>)>, ServiceError> {
    let mut titles = HashMap::new();
    let ids: Vec<SessionId> = ids.into_iter().collect();
    for chunk in ids.chunks(200) {
        for (session, workshop) in workshop_session::Entity::find()
            .find_also_related(workshop_type::Entity)
            .filter(workshop_session::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            titles.insert(
                session.id,
                (
                    workshop.map(|workshop| workshop.title).unwrap_or_default(),
                    format_day(session.starts_at.with_timezone(&PARIS).date_naive()),
                    half_days_of(session.starts_at, session.ends_at),
                ),
            );
        }
    }
    Ok(titles)
}

async fn names_of(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = PersonId>,
) -> Result<HashMap<PersonId, String>, ServiceError> {
    let ids: BTreeSet<PersonId> = ids.collect();
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|person| {
            (
                person.id,
                format!("{} {}", person.first_name, person.last_name),
            )
        })
        .collect())
}

/// A ZIP archive of `files` (name, bytes), deflated.
fn zipped(files: &[(&str, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in files {
        writer.start_file(*name, options)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}
