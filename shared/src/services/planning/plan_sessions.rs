use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, MissionLocaleId, PlaceChoice, PlanningRefusal, SessionForm, SessionId, SessionPlan,
    new_sessions,
};
use crate::entities::{staff_member, workshop_series, workshop_session, workshop_type};
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::notifications::session_mail::{Occasion, send_session_mail};
use crate::services::planning::session_records::{
    Claim, PeopleTable, audience_people, check_no_double_booking, check_people, load_room,
    lock_resources, record_change, write_people,
};

/// Plans one session, or a series (*cycle*) whose every occurrence is a real session. Nothing
/// is written unless every occurrence passes: a clash on the fourth Tuesday refuses the whole
/// series, naming the other session. Returns the id of the first session.
pub async fn plan_sessions(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    form: &SessionForm,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<SessionId, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let plan = SessionPlan::parse(
        form,
        now.with_timezone(&crate::domain::PARIS).naive_local(),
        true,
    )?;
    let workshop = workshop_type::Entity::find_by_id(plan.workshop_type_id)
        .one(db)
        .await?
        .filter(|workshop| workshop.archived_at.is_none())
        .ok_or_else(|| ServiceError::from(PlanningRefusal::WorkshopNotInCatalogue))?;
    check_people(db, &plan.counsellor_ids, &plan.facilitator_ids).await?;
    check_people(db, &audience_people(&plan.audience), &Default::default()).await?;

    let txn = begin_write(db).await?;
    let organiser = organiser_of(&txn, actor, &plan).await?;
    if !actor.may_plan_for(organiser) {
        return Err(ServiceError::Forbidden);
    }
    let room = match &plan.place {
        PlaceChoice::Room(room_id) => {
            let room = load_room(&txn, *room_id)
                .await?
                .ok_or_else(|| ServiceError::from(PlanningRefusal::UnknownRoom))?;
            plan.check_room_capacity(&room.room.name, room.room.capacity.max(0) as u32)?;
            Some(room)
        }
        PlaceChoice::External { .. } => None,
    };
    let people = plan
        .counsellor_ids
        .union(&plan.facilitator_ids)
        .copied()
        .collect();
    lock_resources(&txn, room.as_ref().map(|room| room.room.id), &people).await?;

    let planned = new_sessions(&plan);
    for occurrence in &planned.sessions {
        check_no_double_booking(
            &txn,
            &Claim {
                starts_at: occurrence.starts_at,
                ends_at: occurrence.ends_at,
                room: room
                    .as_ref()
                    .map(|room| (room.room.id, room.room.name.as_str())),
                people: &people,
            },
            &Default::default(),
        )
        .await?;
    }

    let series_id = if planned.is_series {
        Some(
            workshop_series::ActiveModel {
                first_day: Set(plan.series.first_day),
                every_weeks: Set(plan.series.every_weeks as i32),
                slots: Set(plan.series.slots as i32),
                created_by: Set(actor.person_id()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id,
        )
    } else {
        None
    };
    let (venue_name, venue_address) = plan.place.venue();
    let mut first_id = None;
    for occurrence in planned.sessions {
        let session = workshop_session::ActiveModel {
            workshop_type_id: Set(workshop.id),
            mission_locale_id: Set(organiser),
            series_id: Set(series_id),
            starts_at: Set(occurrence.starts_at),
            ends_at: Set(occurrence.ends_at),
            room_id: Set(room.as_ref().map(|room| room.room.id)),
            venue_name: Set(venue_name.clone()),
            venue_address: Set(venue_address.clone()),
            capacity: Set(plan.capacity as i32),
            status: Set(planned.status),
            audience: Set(plan.audience.code().to_owned()),
            enrolment_opens_days_before: Set(plan.window.opens_days_before.map(|days| days as i32)),
            enrolment_closes_minutes_before: Set(plan.window.closes_minutes_before as i32),
            cancellation_closes_minutes_before: Set(plan
                .place_rules
                .cancellation_closes_minutes_before
                as i32),
            promotion_stops_minutes_before: Set(
                plan.place_rules.promotion_stops_minutes_before as i32
            ),
            note_for_youths: Set(plan.note_for_youths.clone()),
            sequence: Set(0),
            cancellation_reason: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let id = session.id;
        write_people(&txn, PeopleTable::Counsellors, id, &plan.counsellor_ids).await?;
        write_people(&txn, PeopleTable::Facilitators, id, &plan.facilitator_ids).await?;
        write_people(
            &txn,
            PeopleTable::Audience,
            id,
            &audience_people(&plan.audience),
        )
        .await?;
        let (event, summary) = (occurrence.event, occurrence.summary);
        record_change(&txn, id, actor.person_id(), &event, summary, now).await?;
        // A published session goes into its facilitators' and counsellors' calendars.
        send_session_mail(
            &txn,
            mail,
            id,
            &Occasion::SessionChanged {
                actor_id: actor.person_id(),
                what: &[],
            },
            now,
        )
        .await?;
        first_id.get_or_insert(id);
    }
    txn.commit().await?;
    // A plan has at least one occurrence (`SessionPlan::parse` refuses an empty one).
    first_id.ok_or(ServiceError::NotFound)
}

/// The Mission Locale organising the session: the room's; for an external venue, the planning
/// counsellor's, or (for a coordinator) the first counsellor's.
pub(crate) async fn organiser_of(
    db: &impl ConnectionTrait,
    actor: &Actor,
    plan: &SessionPlan,
) -> Result<MissionLocaleId, ServiceError> {
    if let PlaceChoice::Room(room_id) = plan.place
        && let Some(room) = load_room(db, room_id).await?
    {
        return Ok(room.site.mission_locale_id);
    }
    if let Actor::Counsellor {
        mission_locale_id, ..
    } = actor
    {
        return Ok(*mission_locale_id);
    }
    staff_member::Entity::find()
        .filter(staff_member::Column::PersonId.is_in(plan.counsellor_ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .find_map(|staff| staff.mission_locale_id)
        .ok_or_else(|| PlanningRefusal::NoOrganiser.into())
}
