use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::ServiceError;
use crate::domain::{
    Actor, AuditAction, AuditLine, HoldView, PARIS, PersonId, PhoneNumber,
    SensitiveFlagsVisibility, SensitiveRead, YouthDetails, YouthForm, age_on, format_instant,
    history_details_for, youth_path,
};
use crate::entities::{audit_event, minimisation, person, retention_hold, sensitive_flag_read};
use crate::services::people::youth_contacts::{attended_sessions, individual_contacts};
use crate::services::people::youth_files::{load_youth_for, record_flag_read};

/// A youth's file as `actor` may read it: the sensitive flags only for those who need them (each
/// such read recorded in `sensitive_flag_reads`, and listed for the referent and coordinators),
/// the history (audit log) only for those who may edit it, and in it the changes of a flag only
/// for those who may see that flag. The path (sessions attended and individual contacts, month by
/// month) goes to whoever may read the file.
pub async fn view_youth(
    db: &impl ConnectionTrait,
    actor: &Actor,
    youth_id: PersonId,
    now: DateTime<Utc>,
) -> Result<YouthDetails, ServiceError> {
    let loaded = load_youth_for(db, actor, youth_id).await?;
    let flags = actor.sensitive_flags_visible(&loaded.file);
    if flags.any()
        && let Some(reader_id) = actor.person_id()
    {
        record_flag_read(db, youth_id, reader_id, flags, now).await?;
    }
    let (hold, minimised) = if actor.may_manage_retention() {
        retention_state(db, youth_id).await?
    } else {
        (None, false)
    };
    let sensitive_reads = if actor.may_see_sensitive_reads(&loaded.file) {
        Some(sensitive_reads_of(db, youth_id, actor.person_id()).await?)
    } else {
        None
    };
    let editable = actor.may_edit_youth(&loaded.file) && loaded.person.archived_at.is_none();
    let history = if actor.may_edit_youth(&loaded.file) {
        history_of(db, youth_id, flags).await?
    } else {
        Vec::new()
    };
    let youth = &loaded.youth;
    let today = now.with_timezone(&PARIS).date_naive();
    let attended = attended_sessions(db, &[youth_id])
        .await?
        .remove(&youth_id)
        .unwrap_or_default();
    let contacts = individual_contacts(db, &[youth_id])
        .await?
        .remove(&youth_id)
        .unwrap_or_default();
    let path = youth_path(
        youth.programme_entry_date,
        youth.programme_exit_date,
        today,
        attended,
        contacts,
    );
    let ticked = |visible: bool, value: bool| (visible && value).then(|| "on".to_owned());
    Ok(YouthDetails {
        id: youth_id,
        form: YouthForm {
            first_name: loaded.person.first_name.clone(),
            last_name: loaded.person.last_name.clone(),
            date_of_birth: youth.date_of_birth.format("%Y-%m-%d").to_string(),
            gender: youth.gender.clone(),
            email: loaded.person.email.clone().unwrap_or_default(),
            phone: PhoneNumber::display_stored(loaded.person.phone.as_deref()).unwrap_or_default(),
            referent_id: youth.referent_id.to_string(),
            programme_entry_date: youth.programme_entry_date.format("%Y-%m-%d").to_string(),
            programme_exit_date: youth
                .programme_exit_date
                .map(|date| date.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            exit_outcome: youth.exit_outcome.clone().unwrap_or_default(),
            disability_recognised: ticked(flags.disability, youth.disability_recognised),
            judicial_supervision: ticked(flags.judicial_supervision, youth.judicial_supervision),
            version: youth.version.to_string(),
        },
        referent_name: format!(
            "{} {}",
            loaded.referent.first_name, loaded.referent.last_name
        ),
        mission_locale_name: loaded.mission_locale_name.clone(),
        age: age_on(youth.date_of_birth, today),
        archived: loaded.person.archived_at.is_some(),
        editable,
        referent_editable: editable && actor.may_change_referent(&loaded.file),
        disability_visible: flags.disability,
        judicial_supervision_visible: flags.judicial_supervision,
        history,
        path,
        today: today.format("%Y-%m-%d").to_string(),
        sensitive_reads,
        data_exportable: actor.may_export_youth_data(&loaded.file),
        erasable: actor.may_manage_retention(),
        hold,
        minimised,
    })
}

/// The hold on the youth's minimisation, and whether it was done.
async fn retention_state(
    db: &impl ConnectionTrait,
    youth_id: PersonId,
) -> Result<(Option<HoldView>, bool), ServiceError> {
    let minimised = minimisation::Entity::find()
        .filter(minimisation::Column::YouthId.eq(youth_id))
        .one(db)
        .await?
        .is_some();
    let Some(hold) = retention_hold::Entity::find()
        .filter(retention_hold::Column::YouthId.eq(youth_id))
        .filter(retention_hold::Column::LiftedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok((None, minimised));
    };
    let placer = person::Entity::find_by_id(hold.placed_by)
        .one(db)
        .await?
        .map(|person| format!("{} {}", person.first_name, person.last_name))
        .unwrap_or_default();
    Ok((
        Some(HoldView {
            reason: hold.reason,
            placed: format!("{placer}, le {}", format_instant(hold.placed_at)),
        }),
        minimised,
    ))
}

/// The latest 50 reads of the youth's flags by others than `reader`, newest first.
async fn sensitive_reads_of(
    db: &impl ConnectionTrait,
    youth_id: PersonId,
    reader: Option<PersonId>,
) -> Result<Vec<SensitiveRead>, ServiceError> {
    let mut reads = sensitive_flag_read::Entity::find()
        .filter(sensitive_flag_read::Column::YouthId.eq(youth_id))
        .order_by_desc(sensitive_flag_read::Column::ReadAt)
        .order_by_desc(sensitive_flag_read::Column::Id)
        .limit(50);
    if let Some(reader) = reader {
        reads = reads.filter(sensitive_flag_read::Column::ReaderId.ne(reader));
    }
    let reads = reads.all(db).await?;
    let reader_ids: Vec<PersonId> = reads.iter().map(|read| read.reader_id).collect();
    let readers = person::Entity::find()
        .filter(person::Column::Id.is_in(reader_ids))
        .all(db)
        .await?;
    Ok(reads
        .into_iter()
        .map(|read| SensitiveRead {
            at: format_instant(read.read_at),
            reader_name: readers
                .iter()
                .find(|person| person.id == read.reader_id)
                .map(|person| format!("{} {}", person.first_name, person.last_name))
                .unwrap_or_else(|| "—".into()),
            flags: SensitiveFlagsVisibility::read_label(&read.flags),
        })
        .collect())
}

/// The latest 50 events about a person, newest first, with the name of who acted; the changes
/// of a flag the reader may not see are left out.
async fn history_of(
    db: &impl ConnectionTrait,
    youth_id: PersonId,
    flags: SensitiveFlagsVisibility,
) -> Result<Vec<AuditLine>, ServiceError> {
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(youth_id.get()))
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let actor_ids: Vec<PersonId> = events.iter().filter_map(|event| event.actor_id).collect();
    let actors = person::Entity::find()
        .filter(person::Column::Id.is_in(actor_ids))
        .all(db)
        .await?;
    Ok(events
        .into_iter()
        .filter_map(|event| {
            Some(AuditLine {
                details: history_details_for(&event.details, flags)?,
                at: format_instant(event.at),
                actor_name: event
                    .actor_id
                    .and_then(|id| actors.iter().find(|person| person.id == id))
                    .map(|person| format!("{} {}", person.first_name, person.last_name))
                    .unwrap_or_else(|| "—".into()),
                action: AuditAction::from_code(&event.action)
                    .map(AuditAction::label)
                    .unwrap_or("Action")
                    .to_owned(),
            })
        })
        .collect())
}
