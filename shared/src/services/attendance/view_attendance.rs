use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceDocumentView, AttendanceLineView, AttendanceView, AuditAction, HalfDayNumber,
    HalfDayTab, PersonId, PersonOption, SessionId, check_in_open, format_instant,
    format_session_hours, half_day_at, roll_call_open,
};
use crate::entities::{attendance_document, audit_event};
use crate::services::attendance::attendance_records::{
    AttendanceSession, clock, corrections_of, half_day_closings_of, lines_of, names_of,
    registered_youth_ids, sheet_of, sheet_state, sorted_by_name, youths_on_sheet,
};
use crate::services::attendance::reopen_paper_sheet::reopening_prefix;
use crate::services::{YouthListFilter, list_youths};

/// The roll-call page for one half-day (`None`: the one under way): the registered youths and
/// walk-ins with their status, check-in and signature, what still stops its closing, and the
/// sheets kept.
pub async fn view_attendance(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    half_day: Option<HalfDayNumber>,
    now: DateTime<Utc>,
) -> Result<AttendanceView, ServiceError> {
    let session = AttendanceSession::load(db, session_id).await?;
    session.require_attendance_taker(actor)?;
    let halves = session.half_days();
    let half_day = half_day.unwrap_or_else(|| half_day_at(&halves, now));
    session.half_day(half_day)?;
    let sheet = sheet_of(db, session_id).await?;
    let state = sheet_state(sheet.as_ref());
    let all_lines = lines_of(db, session_id).await?;
    let registered = registered_youth_ids(db, session_id).await?;
    let on_sheet = youths_on_sheet(&registered, &all_lines);
    let closings = half_day_closings_of(db, session_id).await?;
    let half_day_closed = |number: HalfDayNumber| {
        state.is_closed() || closings.iter().any(|closing| closing.half_day == number)
    };
    let half_days = halves
        .iter()
        .enumerate()
        .filter_map(|(index, half)| {
            let number = HalfDayNumber::at(index)?;
            Some(HalfDayTab {
                number,
                name: session.half_day_name(number),
                hours: format_session_hours(half.starts_at, half.ends_at),
                closed: half_day_closed(number),
            })
        })
        .collect();
    let lines: Vec<_> = all_lines
        .iter()
        .filter(|line| line.half_day == half_day)
        .cloned()
        .collect();
    let names = names_of(
        db,
        lines
            .iter()
            .map(|line| line.youth_id)
            .chain(on_sheet.iter().copied())
            .chain(sheet.as_ref().and_then(|sheet| sheet.closed_by))
            .chain(closings.iter().map(|closing| closing.closed_by)),
    )
    .await?;
    let name = |id: PersonId| names.get(&id).cloned().unwrap_or_default();

    let mut views: Vec<AttendanceLineView> = lines
        .iter()
        .map(|line| AttendanceLineView {
            youth_id: line.youth_id,
            name: name(line.youth_id),
            status: Some(line.status),
            walk_in: line.walk_in,
            checked_in_at: line.checked_in_at.map(clock),
            confirmed: line.confirmed,
            signed_at: line.signed_at.map(clock),
            checked_in_elsewhere: line.checked_in_elsewhere,
        })
        .collect();
    for youth_id in on_sheet {
        if !lines.iter().any(|line| line.youth_id == youth_id) {
            views.push(AttendanceLineView {
                youth_id,
                name: name(youth_id),
                status: None,
                walk_in: !registered.contains(&youth_id),
                checked_in_at: None,
                confirmed: false,
                signed_at: None,
                checked_in_elsewhere: false,
            });
        }
    }
    sorted_by_name(&mut views, |line| &line.name);
    let not_closable_because = views
        .iter()
        .filter_map(|line| match (line.status, line.confirmed) {
            (None, _) => Some(format!("{} n'a pas de statut.", line.name)),
            (Some(_), false) => Some(format!("Le pointage de {} est à confirmer.", line.name)),
            _ => None,
        })
        .collect();

    let walk_in_candidates = if actor.youth_scope().is_some() && !state.is_closed() {
        list_youths(db, actor, &YouthListFilter::default(), now)
            .await?
            .into_iter()
            .filter(|youth| !views.iter().any(|line| line.youth_id == youth.id))
            .map(|youth| PersonOption {
                id: youth.id,
                name: format!("{} {}", youth.first_name, youth.last_name),
                detail: youth.referent_name,
            })
            .collect()
    } else {
        Vec::new()
    };

    let documents = attendance_document::Entity::find()
        .filter(attendance_document::Column::SessionId.eq(session_id))
        .order_by_asc(attendance_document::Column::Id)
        .all(db)
        .await?;
    let mut corrected = 0;
    let documents = documents
        .into_iter()
        .map(|document| AttendanceDocumentView {
            id: document.id,
            label: match document.kind.as_str() {
                "corrected" => {
                    corrected += 1;
                    format!("Feuille corrigée n° {corrected}")
                }
                "paper_scan" => "Feuille papier signée (scan)".to_owned(),
                _ => "Feuille d'émargement originale".to_owned(),
            },
            made_at: format_instant(document.created_at),
            fingerprint: document.fingerprint,
        })
        .collect();

    Ok(AttendanceView {
        session_id,
        title: session.title.clone(),
        when: session.when(),
        place: session.place_text(),
        state,
        roll_call_open: roll_call_open(session.starts_at(), now),
        check_in_open: check_in_open(session.starts_at(), session.ends_at(), now),
        half_days,
        half_day,
        lines: views,
        walk_in_candidates,
        may_correct: actor.may_correct_attendance(session.bundle.session.mission_locale_id),
        may_file_paper: actor.may_file_paper_sheet(session.bundle.session.mission_locale_id),
        not_closable_because,
        closed: match closings.iter().find(|closing| closing.half_day == half_day) {
            Some(closing) => Some(format!(
                "Demi-journée « {} » clôturée par {} le {}",
                session.half_day_name(half_day),
                name(closing.closed_by),
                format_instant(closing.closed_at)
            )),
            None => sheet.as_ref().and_then(|sheet| {
                Some(format!(
                    "Clôturée par {} le {}",
                    name(sheet.closed_by?),
                    format_instant(sheet.closed_at?)
                ))
            }),
        },
        documents,
        corrections: corrections_of(db, &session).await?,
        reopenings: reopenings_of(db, session_id).await?,
    })
}

/// The reopenings of a paper sheet, from the audit log, oldest first.
async fn reopenings_of(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<Vec<String>, ServiceError> {
    let prefix = reopening_prefix(session_id);
    let events = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq(AuditAction::PaperSheetReopened.code()))
        .filter(audit_event::Column::Details.starts_with(&prefix))
        .order_by_asc(audit_event::Column::Id)
        .all(db)
        .await?;
    let names = names_of(db, events.iter().filter_map(|event| event.actor_id)).await?;
    Ok(events
        .into_iter()
        .map(|event| {
            format!(
                "Rouverte par {} le {} : {}",
                event
                    .actor_id
                    .and_then(|id| names.get(&id).cloned())
                    .unwrap_or_default(),
                format_instant(event.at),
                event.details[prefix.len()..].trim()
            )
        })
        .collect())
}
