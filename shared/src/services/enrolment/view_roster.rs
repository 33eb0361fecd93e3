use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::ServiceError;
use crate::domain::{
    Actor, EnrolmentCandidate, EnrolmentHistoryLine, EnrolmentStatus, PersonId, PlaceRecord,
    RosterView, SeenYouth, SessionId, SessionStatus, check_staff_enrolment, history_sentence,
    roster_lines, standing_in,
};
use crate::entities::{enrolment, enrolment_event};
use crate::services::access_guard::require;
use crate::services::enrolment::enrolment_records::{
    overlapping_place, session_facts, youths_on_roster,
};
use crate::services::people::list_youths::{YouthListFilter, list_youths};
use crate::services::planning::session_records::{load_bundle, names_of};

/// Search results shown at once.
const MAX_CANDIDATES: usize = 20;

/// A session's places as staff see them: who is registered, who waits (in order), how they
/// came, the history of changes, and the youths the counsellor may enrol (their own, or those
/// `search` finds by name), with warnings. Organisers see every name; other counsellors only their own
/// Mission Locale's youths (the others are counted).
pub async fn view_roster(
    db: &impl ConnectionTrait,
    actor: &Actor,
    session_id: SessionId,
    search: &str,
    now: DateTime<Utc>,
) -> Result<RosterView, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let bundle = load_bundle(db, session_id).await?;
    let organiser = bundle.session.mission_locale_id;
    let facts = session_facts(&bundle);
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .filter(
            enrolment::Column::Status
                .is_in([EnrolmentStatus::Registered, EnrolmentStatus::Waiting]),
        )
        .order_by_asc(enrolment::Column::Ticket)
        .all(db)
        .await?;
    let youths = youths_on_roster(db, rows.iter().map(|row| row.youth_id).collect()).await?;
    let staff_names = names_of(db, rows.iter().filter_map(|row| row.enrolled_by).collect()).await?;
    let places: Vec<PlaceRecord> = rows
        .iter()
        .map(|row| PlaceRecord {
            youth_id: row.youth_id,
            status: row.status,
            method: row.method,
            enrolled_by: row.enrolled_by.and_then(|id| staff_names.get(&id).cloned()),
            requested_at: row.requested_at,
            registered_at: row.registered_at,
        })
        .collect();
    let lines = roster_lines(&places, |youth_id| {
        let youth = youths
            .get(&youth_id)
            .filter(|youth| actor.may_see_on_roster(organiser, &youth.file))?;
        Some(SeenYouth {
            name: youth.name.clone(),
            may_remove: actor.may_remove_from_session(organiser, &youth.file),
        })
    });

    let search = search.trim().to_owned();
    let taking_places = facts.status == SessionStatus::Published && now < facts.starts_at;
    let mut candidates = Vec::new();
    // Without a search, the counsellor's own youths: the ones they usually fill sessions with.
    let searching = search.chars().count() >= 2;
    if taking_places && actor.youth_scope().is_some() {
        let found = list_youths(
            db,
            actor,
            &YouthListFilter {
                search: if searching {
                    search.clone()
                } else {
                    String::new()
                },
                mine_only: !searching,
                ..Default::default()
            },
            now,
        )
        .await?;
        let ids: Vec<PersonId> = found
            .iter()
            .take(MAX_CANDIDATES)
            .map(|youth| youth.id)
            .collect();
        let files = youths_on_roster(db, ids.clone()).await?;
        for id in ids {
            let Some(youth) = files
                .get(&id)
                .filter(|youth| actor.may_enrol_youth(&youth.file))
            else {
                continue;
            };
            let standing = standing_in(&places, id);
            let overlapping = overlapping_place(db, id, &bundle.session).await?;
            let (warnings, refusal) = match check_staff_enrolment(
                &facts,
                &youth.facts,
                actor.may_plan_for(organiser),
                overlapping.as_deref(),
                now,
            ) {
                Ok(warnings) => (warnings.iter().map(|w| w.message()).collect(), None),
                Err(refusal) => (Vec::new(), Some(refusal.staff_message(Some(&youth.name)))),
            };
            candidates.push(EnrolmentCandidate {
                youth_id: id,
                name: youth.name.clone(),
                standing,
                warnings,
                refusal,
            });
        }
    }

    let events = enrolment_event::Entity::find()
        .filter(enrolment_event::Column::SessionId.eq(session_id))
        .order_by_desc(enrolment_event::Column::Id)
        .all(db)
        .await?;
    let event_youths =
        youths_on_roster(db, events.iter().map(|event| event.youth_id).collect()).await?;
    let event_actors = names_of(
        db,
        events.iter().filter_map(|event| event.actor_id).collect(),
    )
    .await?;
    let history = events
        .into_iter()
        .filter_map(|event| {
            let youth = event_youths
                .get(&event.youth_id)
                .filter(|youth| actor.may_see_on_roster(organiser, &youth.file))?;
            Some(EnrolmentHistoryLine {
                at: event.at,
                text: history_sentence(
                    &youth.name,
                    event.kind,
                    event.method,
                    event
                        .actor_id
                        .and_then(|id| event_actors.get(&id))
                        .map(String::as_str),
                    event.reason.as_deref(),
                    event.position,
                ),
            })
        })
        .take(100)
        .collect();

    Ok(RosterView {
        session_id,
        capacity: u32::try_from(bundle.session.capacity).unwrap_or(0),
        registered_count: lines.registered_count,
        waiting_count: lines.waiting_count,
        registered: lines.registered,
        waiting: lines.waiting,
        may_manage: actor.may_plan_for(organiser),
        promotes_automatically: facts.rules.promotes_automatically(facts.starts_at, now),
        taking_places,
        search,
        candidates,
        history,
    })
}
