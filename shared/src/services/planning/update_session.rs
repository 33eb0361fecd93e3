use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionSession, TransactionTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, EditNames, EditScope, PersonId, PlaceChoice, PlanningRefusal, SessionEditor,
    SessionForm, SessionId, SessionPlan, SessionStatus,
};
use crate::entities::workshop_session;
use crate::services::MailSettings;
use crate::services::access_guard::require;
use crate::services::begin_write::begin_write;
use crate::services::enrolment::enrolment_records::{ByStaff, lock_roster, set_capacity_by_staff};
use crate::services::notifications::session_mail::{Occasion, send_session_mail};
use crate::services::planning::plan_sessions::organiser_of;
use crate::services::planning::session_records::{
    Claim, PeopleTable, SessionBundle, audience_people, check_no_double_booking, check_people,
    load_bundle, load_bundles, load_room, lock_resources, names_of, place_label, record_change,
    write_people,
};

/// Changes a session, or with `scope` this one and the following ones of its series, or the
/// whole series (those not started and not cancelled). For several sessions, the form's day
/// shifts each by the same number of days and its times apply to all. Every change is recorded
/// in the history as a domain event; changes attendees must hear about raise the iCalendar
/// SEQUENCE. Nothing is written unless every session passes.
pub async fn update_session(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &Actor,
    session_id: SessionId,
    form: &SessionForm,
    scope: EditScope,
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let edited = load_bundle(db, session_id).await?;
    if !actor.may_plan_for(edited.session.mission_locale_id) {
        return Err(ServiceError::Forbidden);
    }
    if edited.status() == SessionStatus::Cancelled {
        return Err(PlanningRefusal::CancelledCannotBeEdited.into());
    }
    if edited.session.starts_at <= now {
        return Err(PlanningRefusal::StartedCannotBeEdited.into());
    }
    let mut form = form.clone();
    // The workshop of a session never changes: it would be another session.
    form.workshop_type_id = edited.session.workshop_type_id.to_string();
    let plan = SessionPlan::parse(
        &form,
        now.with_timezone(&crate::domain::PARIS).naive_local(),
        false,
    )?;
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
    let people: BTreeSet<PersonId> = plan
        .counsellor_ids
        .union(&plan.facilitator_ids)
        .copied()
        .collect();
    lock_resources(&txn, room.as_ref().map(|room| room.room.id), &people).await?;

    let targets = targets(&txn, &edited, scope, now).await?;
    let moving_together: BTreeSet<SessionId> =
        targets.iter().map(|bundle| bundle.session.id).collect();
    let everyone: Vec<PersonId> = targets
        .iter()
        .flat_map(|bundle| bundle.facilitator_ids.iter().chain(&bundle.counsellor_ids))
        .chain(plan.facilitator_ids.iter())
        .chain(plan.counsellor_ids.iter())
        .copied()
        .collect();
    let people_names = names_of(&txn, everyone).await?;
    let new_place = place_label(&txn, &plan.place).await?;
    let mut old_places: Vec<(PlaceChoice, String)> = Vec::new();
    for place in targets.iter().map(SessionBundle::place) {
        if place != plan.place && !old_places.iter().any(|(known, _)| *known == place) {
            let label = place_label(&txn, &place).await?;
            old_places.push((place, label));
        }
    }
    let names = EditNames {
        people: &people_names,
        new_place: &new_place,
        old_places: &old_places,
    };
    let editor = SessionEditor::new(&plan, edited.session.starts_at, now);
    let (venue_name, venue_address) = plan.place.venue();

    for target in &targets {
        let edit = editor.edit(&target.stored(), names)?;
        check_no_double_booking(
            &txn,
            &Claim {
                starts_at: edit.starts_at,
                ends_at: edit.ends_at,
                room: room
                    .as_ref()
                    .map(|room| (room.room.id, room.room.name.as_str())),
                people: &people,
            },
            &moving_together,
        )
        .await?;
        if edit.changes_nothing() {
            continue;
        }
        if edit.changes_capacity {
            // Through the roster: never below the youths registered; raised seats go to the
            // waiting list first.
            let mut locked = lock_roster(&txn, target.session.id).await?;
            let promote = plan.place_rules.promotes_automatically(edit.starts_at, now);
            set_capacity_by_staff(
                &txn,
                &mut locked,
                plan.capacity,
                promote,
                ByStaff {
                    actor_id: actor.person_id(),
                    mail,
                },
                |refusal| {
                    PlanningRefusal::CapacityRefused {
                        starts_at: target.session.starts_at,
                        refusal,
                    }
                    .into()
                },
                now,
            )
            .await?;
        }

        let mut row = target.session.clone().into_active_model();
        row.starts_at = Set(edit.starts_at);
        row.ends_at = Set(edit.ends_at);
        row.mission_locale_id = Set(organiser);
        row.room_id = Set(room.as_ref().map(|room| room.room.id));
        row.venue_name = Set(venue_name.clone());
        row.venue_address = Set(venue_address.clone());
        row.capacity = Set(plan.capacity as i32);
        row.audience = Set(plan.audience.code().to_owned());
        row.enrolment_opens_days_before =
            Set(plan.window.opens_days_before.map(|days| days as i32));
        row.enrolment_closes_minutes_before = Set(plan.window.closes_minutes_before as i32);
        row.cancellation_closes_minutes_before =
            Set(plan.place_rules.cancellation_closes_minutes_before as i32);
        row.promotion_stops_minutes_before =
            Set(plan.place_rules.promotion_stops_minutes_before as i32);
        row.note_for_youths = Set(plan.note_for_youths.clone());
        if edit.publishes {
            row.status = Set(SessionStatus::Published);
        }
        if edit.raises_sequence() {
            row.sequence = Set(target.session.sequence + 1);
        }
        row.update(&txn).await?;
        let id = target.session.id;
        write_people(&txn, PeopleTable::Counsellors, id, &plan.counsellor_ids).await?;
        write_people(&txn, PeopleTable::Facilitators, id, &plan.facilitator_ids).await?;
        write_people(
            &txn,
            PeopleTable::Audience,
            id,
            &audience_people(&plan.audience),
        )
        .await?;
        let what = edit.news();
        for (change, summary) in edit.changes {
            record_change(&txn, id, actor.person_id(), &change, summary, now).await?;
        }
        send_session_mail(
            &txn,
            mail,
            id,
            &Occasion::SessionChanged {
                actor_id: actor.person_id(),
                what: &what,
            },
            now,
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The sessions an edit or a cancellation of `edited` applies to: never one that has started
/// or was cancelled.
pub(crate) async fn targets(
    db: &impl ConnectionTrait,
    edited: &SessionBundle,
    scope: EditScope,
    now: DateTime<Utc>,
) -> Result<Vec<SessionBundle>, ServiceError> {
    let (Some(series_id), Some(from)) = (
        edited.session.series_id,
        scope.series_from(edited.session.starts_at, now),
    ) else {
        return load_bundles(db, vec![edited.session.clone()]).await;
    };
    let sessions = workshop_session::Entity::find()
        .filter(workshop_session::Column::SeriesId.eq(series_id))
        .filter(workshop_session::Column::StartsAt.gte(from))
        .filter(workshop_session::Column::Status.ne(SessionStatus::Cancelled))
        .order_by_asc(workshop_session::Column::StartsAt)
        .all(db)
        .await?;
    load_bundles(db, sessions).await
}
