use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, Audience, PARIS, PersonId, PlaceChoice, SeriesPosition, SeriesSibling, SessionDetails,
    SessionForm, SessionHistoryLine, SessionId, SessionStatus, day_warnings,
};
use crate::entities::{mission_locale, session_event, workshop_session, workshop_type};
use crate::services::access_guard::require;
use crate::services::planning::session_records::{
    SessionBundle, closures_of_room, contacts_of, load_bundle, names_of, place_view,
};

/// A session as staff see it: details, warnings (public holiday, site closed), its place in its
/// series, its history, and the edit form when the viewer may change it.
pub async fn view_session(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    now: DateTime<Utc>,
) -> Result<SessionDetails, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let bundle = load_bundle(db, session_id).await?;
    let session = &bundle.session;
    let workshop = workshop_type::Entity::find_by_id(session.workshop_type_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let organiser = mission_locale::Entity::find_by_id(session.mission_locale_id)
        .one(db)
        .await?
        .map(|ml| ml.name)
        .unwrap_or_default();

    let series = match session.series_id {
        Some(series_id) => {
            let siblings = workshop_session::Entity::find()
                .filter(workshop_session::Column::SeriesId.eq(series_id))
                .order_by_asc(workshop_session::Column::StartsAt)
                .all(db)
                .await?;
            let position = siblings
                .iter()
                .position(|sibling| sibling.id == session.id)
                .unwrap_or(0);
            Some(SeriesPosition {
                series_id,
                position: position as u32 + 1,
                count: siblings.len() as u32,
                sessions: siblings
                    .iter()
                    .map(|sibling| SeriesSibling {
                        id: sibling.id,
                        starts_at: sibling.starts_at,
                        ends_at: sibling.ends_at,
                        status: sibling.status,
                    })
                    .collect(),
            })
        }
        None => None,
    };

    let events = session_event::Entity::find()
        .filter(session_event::Column::SessionId.eq(session.id))
        .order_by_desc(session_event::Column::At)
        .order_by_desc(session_event::Column::Id)
        .all(db)
        .await?;
    let author_ids: Vec<PersonId> = events.iter().filter_map(|event| event.actor_id).collect();
    let authors = names_of(db, author_ids).await?;
    let history = events
        .into_iter()
        .map(|event| SessionHistoryLine {
            at: event.at,
            who: event
                .actor_id
                .and_then(|id| authors.get(&id).cloned())
                .unwrap_or_else(|| "Ateliers".into()),
            summary: event.summary,
        })
        .collect();

    let status = bundle.status();
    let day = session.starts_at.with_timezone(&PARIS).date_naive();
    let warnings = if status == SessionStatus::Cancelled {
        Vec::new()
    } else {
        day_warnings(day, &closures_of_room(db, session.room_id).await?)
    };
    let editable = actor.may_plan_for(session.mission_locale_id)
        && status != SessionStatus::Cancelled
        && session.starts_at > now;

    Ok(SessionDetails {
        id: session.id,
        title: workshop.title,
        theme: workshop.theme,
        status,
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        place: place_view(db, session).await?,
        capacity: session.capacity.max(0) as u32,
        counsellors: contacts_of(db, &bundle.counsellor_ids).await?,
        facilitators: contacts_of(db, &bundle.facilitator_ids).await?,
        audience: bundle.audience.label(&organiser),
        enrolment_opens_at: bundle.window().opens_at(session.starts_at),
        enrolment_closes_at: bundle.window().closes_at(session.starts_at),
        note_for_youths: session.note_for_youths.clone(),
        series,
        cancellation_reason: session.cancellation_reason.clone(),
        warnings,
        history,
        edit_form: editable.then(|| edit_form(&bundle)),
        mission_locale: organiser,
    })
}

/// The session as its edit form shows it.
fn edit_form(bundle: &SessionBundle) -> SessionForm {
    let session = &bundle.session;
    let starts = session.starts_at.with_timezone(&PARIS);
    let ends = session.ends_at.with_timezone(&PARIS);
    let ids =
        |ids: &std::collections::BTreeSet<PersonId>| ids.iter().map(PersonId::to_string).collect();
    let (place, venue_name, venue_address) = match bundle.place() {
        PlaceChoice::Room(room_id) => (format!("room-{room_id}"), String::new(), String::new()),
        PlaceChoice::External { name, address } => ("external".to_owned(), name, address),
    };
    let window = bundle.window();
    SessionForm {
        workshop_type_id: session.workshop_type_id.to_string(),
        day: starts.format("%Y-%m-%d").to_string(),
        starts_at: starts.format("%H:%M").to_string(),
        ends_at: ends.format("%H:%M").to_string(),
        place,
        venue_name,
        venue_address,
        capacity: session.capacity.to_string(),
        counsellor_ids: ids(&bundle.counsellor_ids),
        facilitator_ids: ids(&bundle.facilitator_ids),
        audience: bundle.audience.code().to_owned(),
        audience_counsellor_ids: match &bundle.audience {
            Audience::Counsellors(counsellors) => ids(counsellors),
            Audience::Federation | Audience::MissionLocale => Vec::new(),
        },
        opens_days_before: window
            .opens_days_before
            .map(|days| days.to_string())
            .unwrap_or_default(),
        closes_hours_before: (window.closes_minutes_before / 60).to_string(),
        cancel_hours_before: (session.cancellation_closes_minutes_before / 60).to_string(),
        promotion_stops_hours_before: (session.promotion_stops_minutes_before / 60).to_string(),
        note_for_youths: session.note_for_youths.clone(),
        publish: (bundle.status() == SessionStatus::Published).then(|| "on".to_owned()),
        ..SessionForm::default()
    }
}
