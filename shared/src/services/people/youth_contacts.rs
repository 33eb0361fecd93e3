//! Reading youths' contacts — the workshop sessions they attended and the individual contacts
//! their counsellors recorded (see `domain::youth_path`) — shared by `view_youth`, `load_home`
//! and `send_no_contact_alerts`; not a use case itself.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::ServiceError;
use crate::domain::{
    AttendanceStatus, AttendedSession, IndividualContact, PARIS, PersonId, SessionId,
    SessionStatus, Theme, WorkshopTypeId, half_day_minutes,
};
use crate::entities::{
    attendance_line, individual_contact, person, workshop_session, workshop_type,
};

/// Youths asked about per query: keeps the lists of ids within what both databases accept.
const YOUTHS_PER_QUERY: usize = 200;

/// The sessions each of `youth_ids` attended: confirmed lines (a self check-in counts once the
/// facilitator confirms it), present or late, never at a cancelled session; a full day counts
/// the minutes of the half-days attended. A youth without any
/// is absent from the map.
pub(crate) async fn attended_sessions(
    db: &impl ConnectionTrait,
    youth_ids: &[PersonId],
) -> Result<HashMap<PersonId, Vec<AttendedSession>>, ServiceError> {
    let attended: Vec<&str> = AttendanceStatus::ALL
        .into_iter()
        .filter(|status| status.attended())
        .map(AttendanceStatus::code)
        .collect();
    let mut by_youth: HashMap<PersonId, Vec<AttendedSession>> = HashMap::new();
    for chunk in youth_ids.chunks(YOUTHS_PER_QUERY) {
        let lines = attendance_line::Entity::find()
            .filter(attendance_line::Column::YouthId.is_in(chunk.iter().copied()))
            .filter(attendance_line::Column::Confirmed.eq(true))
            .filter(attendance_line::Column::Status.is_in(attended.iter().copied()))
            .all(db)
            .await?;
        if lines.is_empty() {
            continue;
        }
        let session_ids: BTreeSet<SessionId> = lines.iter().map(|line| line.session_id).collect();
        let sessions: HashMap<SessionId, workshop_session::Model> =
            workshop_session::Entity::find()
                .filter(workshop_session::Column::Id.is_in(session_ids))
                .filter(workshop_session::Column::Status.ne(SessionStatus::Cancelled))
                .all(db)
                .await?
                .into_iter()
                .map(|session| (session.id, session))
                .collect();
        let type_ids: BTreeSet<WorkshopTypeId> = sessions
            .values()
            .map(|session| session.workshop_type_id)
            .collect();
        let types: HashMap<WorkshopTypeId, workshop_type::Model> = workshop_type::Entity::find()
            .filter(workshop_type::Column::Id.is_in(type_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|workshop| (workshop.id, workshop))
            .collect();
        // A full day's morning and afternoon are one session attended, for the minutes of the
        // half-days they were there.
        let mut minutes: BTreeMap<(PersonId, SessionId), i64> = BTreeMap::new();
        for line in &lines {
            let Some(session) = sessions.get(&line.session_id) else {
                continue;
            };
            *minutes.entry((line.youth_id, line.session_id)).or_default() +=
                half_day_minutes(session.starts_at, session.ends_at, line.half_day);
        }
        for ((youth_id, session_id), minutes) in minutes {
            let Some(session) = sessions.get(&session_id) else {
                continue;
            };
            let workshop = types.get(&session.workshop_type_id);
            by_youth.entry(youth_id).or_default().push(AttendedSession {
                day: session.starts_at.with_timezone(&PARIS).date_naive(),
                title: workshop.map(|w| w.title.clone()).unwrap_or_default(),
                theme: workshop.map_or(Theme::Other, |w| w.theme),
                minutes: u32::try_from(minutes).unwrap_or(0),
            });
        }
    }
    Ok(by_youth)
}

/// The individual contacts recorded with each of `youth_ids`, with who recorded them. A youth
/// without any is absent from the map.
pub(crate) async fn individual_contacts(
    db: &impl ConnectionTrait,
    youth_ids: &[PersonId],
) -> Result<HashMap<PersonId, Vec<IndividualContact>>, ServiceError> {
    let mut by_youth: HashMap<PersonId, Vec<IndividualContact>> = HashMap::new();
    for chunk in youth_ids.chunks(YOUTHS_PER_QUERY) {
        let rows = individual_contact::Entity::find()
            .filter(individual_contact::Column::YouthId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        if rows.is_empty() {
            continue;
        }
        let recorder_ids: BTreeSet<PersonId> = rows.iter().map(|row| row.recorded_by).collect();
        let recorders: HashMap<PersonId, String> = person::Entity::find()
            .filter(person::Column::Id.is_in(recorder_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|person| {
                (
                    person.id,
                    format!("{} {}", person.first_name, person.last_name),
                )
            })
            .collect();
        for row in rows {
            by_youth
                .entry(row.youth_id)
                .or_default()
                .push(IndividualContact {
                    day: row.happened_on,
                    kind: row.kind,
                    minutes: u32::try_from(row.minutes).unwrap_or(0),
                    subject: row.subject,
                    recorded_by: recorders.get(&row.recorded_by).cloned().unwrap_or_default(),
                });
        }
    }
    Ok(by_youth)
}
