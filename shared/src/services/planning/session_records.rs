//! Reading and writing sessions with their people, places and history (shared by the planning
//! use cases; not a use case itself).

use std::collections::{BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set,
};

use crate::ServiceError;
use crate::domain::{
    Actor, Audience, BookedSession, Booking, Claim, ContactView, EditNames, EnrolmentWindow,
    MissionLocaleId, PersonId, PlaceChoice, PlaceView, PlanningRefusal, RoomId, SessionChange,
    SessionId, SessionPlan, SessionStatus, StoredSession, WorkshopTypeId, double_booking,
};
use crate::entities::{
    facilitator, person, room, session_audience, session_counsellor, session_event,
    session_facilitator, site, staff_member, workshop_session, workshop_type,
};
use crate::services::enrolment::enrolment_records::place_rules;

/// A session row with the people attached to it.
pub(crate) struct SessionBundle {
    pub session: workshop_session::Model,
    pub counsellor_ids: BTreeSet<PersonId>,
    pub facilitator_ids: BTreeSet<PersonId>,
    pub audience: Audience,
}

impl SessionBundle {
    pub fn status(&self) -> SessionStatus {
        self.session.status
    }

    pub fn window(&self) -> EnrolmentWindow {
        EnrolmentWindow {
            opens_days_before: self
                .session
                .enrolment_opens_days_before
                .and_then(|days| u32::try_from(days).ok()),
            closes_minutes_before: u32::try_from(self.session.enrolment_closes_minutes_before)
                .unwrap_or(0),
        }
    }

    /// The session in the terms an edit compares it by.
    pub fn stored(&self) -> StoredSession {
        StoredSession {
            starts_at: self.session.starts_at,
            ends_at: self.session.ends_at,
            status: self.status(),
            place: self.place(),
            facilitator_ids: self.facilitator_ids.clone(),
            counsellor_ids: self.counsellor_ids.clone(),
            capacity: self.session.capacity,
            audience: self.audience.clone(),
            window: self.window(),
            place_rules: place_rules(&self.session),
            note_for_youths: self.session.note_for_youths.clone(),
        }
    }

    pub fn place(&self) -> PlaceChoice {
        match self.session.room_id {
            Some(room_id) => PlaceChoice::Room(room_id),
            None => PlaceChoice::External {
                name: self.session.venue_name.clone(),
                address: self.session.venue_address.clone(),
            },
        }
    }
}

pub(crate) async fn load_bundles(
    db: &impl ConnectionTrait,
    sessions: Vec<workshop_session::Model>,
) -> Result<Vec<SessionBundle>, ServiceError> {
    let ids: Vec<SessionId> = sessions.iter().map(|session| session.id).collect();
    let counsellors = people_of::<session_counsellor::Entity>(db, &ids).await?;
    let facilitators = people_of::<session_facilitator::Entity>(db, &ids).await?;
    let audiences = people_of::<session_audience::Entity>(db, &ids).await?;
    Ok(sessions
        .into_iter()
        .map(|session| {
            let id = session.id;
            SessionBundle {
                audience: Audience::from_stored(
                    &session.audience,
                    audiences.get(&id).cloned().unwrap_or_default(),
                ),
                counsellor_ids: counsellors.get(&id).cloned().unwrap_or_default(),
                facilitator_ids: facilitators.get(&id).cloned().unwrap_or_default(),
                session,
            }
        })
        .collect())
}

pub(crate) async fn load_bundle(
    db: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<SessionBundle, ServiceError> {
    let session = workshop_session::Entity::find_by_id(session_id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    // One session in, one out.
    load_bundles(db, vec![session])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)
}

/// The three link tables share one shape: (session_id, person_id).
trait SessionPeopleTable: EntityTrait {
    fn session_column() -> Self::Column;
    fn ids(model: &Self::Model) -> (SessionId, PersonId);
}

macro_rules! session_people_table {
    ($module:ident) => {
        impl SessionPeopleTable for $module::Entity {
            fn session_column() -> Self::Column {
                $module::Column::SessionId
            }
            fn ids(model: &$module::Model) -> (SessionId, PersonId) {
                (model.session_id, model.person_id)
            }
        }
    };
}
session_people_table!(session_counsellor);
session_people_table!(session_facilitator);
session_people_table!(session_audience);

async fn people_of<E: SessionPeopleTable>(
    db: &impl ConnectionTrait,
    session_ids: &[SessionId],
) -> Result<HashMap<SessionId, BTreeSet<PersonId>>, ServiceError> {
    let mut by_session: HashMap<SessionId, BTreeSet<PersonId>> = HashMap::new();
    for chunk in session_ids.chunks(500) {
        for row in E::find()
            .filter(E::session_column().is_in(chunk.iter().copied()))
            .all(db)
            .await?
        {
            let (session_id, person_id) = E::ids(&row);
            by_session.entry(session_id).or_default().insert(person_id);
        }
    }
    Ok(by_session)
}

/// Replaces the people of one link table for a session.
pub(crate) async fn write_people(
    db: &impl ConnectionTrait,
    table: PeopleTable,
    session_id: SessionId,
    people: &BTreeSet<PersonId>,
) -> Result<(), ServiceError> {
    match table {
        PeopleTable::Counsellors => {
            session_counsellor::Entity::delete_many()
                .filter(session_counsellor::Column::SessionId.eq(session_id))
                .exec(db)
                .await?;
            for &person_id in people {
                session_counsellor::ActiveModel {
                    session_id: Set(session_id),
                    person_id: Set(person_id),
                }
                .insert(db)
                .await?;
            }
        }
        PeopleTable::Facilitators => {
            session_facilitator::Entity::delete_many()
                .filter(session_facilitator::Column::SessionId.eq(session_id))
                .exec(db)
                .await?;
            for &person_id in people {
                session_facilitator::ActiveModel {
                    session_id: Set(session_id),
                    person_id: Set(person_id),
                }
                .insert(db)
                .await?;
            }
        }
        PeopleTable::Audience => {
            session_audience::Entity::delete_many()
                .filter(session_audience::Column::SessionId.eq(session_id))
                .exec(db)
                .await?;
            for &person_id in people {
                session_audience::ActiveModel {
                    session_id: Set(session_id),
                    person_id: Set(person_id),
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
pub(crate) enum PeopleTable {
    Counsellors,
    Facilitators,
    Audience,
}

/// The audience's counsellors, as stored in `session_audience`.
pub(crate) fn audience_people(audience: &Audience) -> BTreeSet<PersonId> {
    match audience {
        Audience::Counsellors(counsellors) => counsellors.clone(),
        Audience::Federation | Audience::MissionLocale => BTreeSet::new(),
    }
}

/// Appends a change to the session's history; the invitations read it back.
pub(crate) async fn record_change(
    db: &impl ConnectionTrait,
    session_id: SessionId,
    actor_id: Option<PersonId>,
    change: &SessionChange,
    summary: String,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    session_event::ActiveModel {
        session_id: Set(session_id),
        at: Set(now),
        actor_id: Set(actor_id),
        kind: Set(change.kind().to_owned()),
        summary: Set(summary),
        change: Set(serde_json::to_string(change)
            .map_err(|error| ServiceError::Database(sea_orm::DbErr::Custom(error.to_string())))?),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// "Prénom Nom" of each person, by id.
///
/// Takes a `Vec`, not an iterator: an iterator of borrowing closures held across the query
/// would make the caller's future fail the `Send` check of server functions.
pub(crate) async fn names_of(
    db: &impl ConnectionTrait,
    ids: Vec<PersonId>,
) -> Result<HashMap<PersonId, String>, ServiceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
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

/// The names an edit's summaries quote: the people of the targets and of the plan, the plan's
/// place and each place a target leaves.
pub(crate) async fn edit_names(
    db: &impl ConnectionTrait,
    targets: &[SessionBundle],
    plan: &SessionPlan,
) -> Result<EditNames, ServiceError> {
    let everyone: Vec<PersonId> = targets
        .iter()
        .flat_map(|bundle| bundle.facilitator_ids.iter().chain(&bundle.counsellor_ids))
        .chain(plan.facilitator_ids.iter())
        .chain(plan.counsellor_ids.iter())
        .copied()
        .collect();
    let mut names = EditNames {
        people: names_of(db, everyone).await?,
        new_place: place_label(db, &plan.place).await?,
        old_places: Vec::new(),
    };
    for place in targets.iter().map(SessionBundle::place) {
        if place != plan.place && !names.old_places.iter().any(|(known, _)| *known == place) {
            let label = place_label(db, &place).await?;
            names.old_places.push((place, label));
        }
    }
    Ok(names)
}

/// How to reach each person, in the order of `ids`.
pub(crate) async fn contacts_of(
    db: &impl ConnectionTrait,
    ids: &BTreeSet<PersonId>,
) -> Result<Vec<ContactView>, ServiceError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(person::Entity::find()
        .filter(person::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(person::Column::LastName)
        .all(db)
        .await?
        .into_iter()
        .map(|person| ContactView {
            name: format!("{} {}", person.first_name, person.last_name),
            email: person.email,
            phone: crate::domain::PhoneNumber::display_stored(person.phone.as_deref()),
        })
        .collect())
}

/// A room with its site: what planning and the pages need.
pub(crate) struct RoomWithSite {
    pub room: room::Model,
    pub site: site::Model,
}

pub(crate) async fn load_room(
    db: &impl ConnectionTrait,
    room_id: RoomId,
) -> Result<Option<RoomWithSite>, ServiceError> {
    Ok(room::Entity::find_by_id(room_id)
        .find_also_related(site::Entity)
        .one(db)
        .await?
        .and_then(|(room, site)| site.map(|site| RoomWithSite { room, site })))
}

/// Where a session happens, for people who have to get there.
pub(crate) async fn place_view(
    db: &impl ConnectionTrait,
    session: &workshop_session::Model,
) -> Result<PlaceView, ServiceError> {
    Ok(match session.room_id {
        Some(room_id) => match load_room(db, room_id).await? {
            Some(RoomWithSite { room, site }) => site_place_view(&room, &site),
            None => PlaceView {
                name: session.venue_name.clone(),
                address: session.venue_address.clone(),
                access_notes: Vec::new(),
            },
        },
        None => PlaceView {
            name: session.venue_name.clone(),
            address: session.venue_address.clone(),
            access_notes: Vec::new(),
        },
    })
}

pub(crate) fn site_place_view(room: &room::Model, site: &site::Model) -> PlaceView {
    let mut access_notes = vec![format!("Horaires du site : {}", site.opening_hours)];
    let mut equipment = Vec::new();
    if site.step_free_access {
        equipment.push("accès de plain-pied");
    }
    if site.lift {
        equipment.push("ascenseur");
    }
    if site.hearing_loop {
        equipment.push("boucle magnétique");
    }
    if !equipment.is_empty() {
        access_notes.push(format!("Accessibilité : {}.", equipment.join(", ")));
    }
    if !site.accessibility_notes.is_empty() {
        access_notes.push(site.accessibility_notes.clone());
    }
    PlaceView {
        name: room_label(site, room),
        address: site.address.clone(),
        access_notes,
    }
}

/// A short label for lists and history: "Antenne principale — Bondy — Salle Nelson Mandela".
pub(crate) async fn place_label(
    db: &impl ConnectionTrait,
    place: &PlaceChoice,
) -> Result<String, ServiceError> {
    Ok(match place {
        PlaceChoice::Room(room_id) => match load_room(db, *room_id).await? {
            Some(RoomWithSite { room, site }) => room_label(&site, &room),
            None => DELETED_ROOM.into(),
        },
        PlaceChoice::External { name, address } => format!("{name}, {address}"),
    })
}

/// "Antenne principale — Bondy — Salle Nelson Mandela": a room as lists and pages name it.
pub(crate) fn room_label(site: &site::Model, room: &room::Model) -> String {
    format!("{} — {}", site.name, room.name)
}

/// What a list says of a room that is no longer there.
const DELETED_ROOM: &str = "salle supprimée";

/// The [`place_label`] of each session, in their order, in one query.
pub(crate) async fn place_labels(
    db: &impl ConnectionTrait,
    sessions: impl Iterator<Item = &workshop_session::Model> + Clone,
) -> Result<Vec<String>, ServiceError> {
    let rooms: HashMap<RoomId, String> = room::Entity::find()
        .filter(room::Column::Id.is_in(sessions.clone().filter_map(|session| session.room_id)))
        .find_also_related(site::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(room, site)| Some((room.id, room_label(&site?, &room))))
        .collect();
    Ok(sessions
        .map(|session| match session.room_id {
            Some(room_id) => rooms
                .get(&room_id)
                .cloned()
                .unwrap_or_else(|| DELETED_ROOM.into()),
            None => format!("{}, {}", session.venue_name, session.venue_address),
        })
        .collect())
}

/// Refuses a double booking of the room or of a person, naming the other session. Sessions in
/// `moving_together` (the ones being edited at once) are left out.
pub(crate) async fn check_no_double_booking(
    db: &impl ConnectionTrait,
    claim: &Claim<'_>,
    moving_together: &BTreeSet<SessionId>,
) -> Result<(), ServiceError> {
    // Only the sessions that hold the room or one of the people can clash: not every session
    // of France at that hour.
    let mut holding = Condition::any()
        .add(
            workshop_session::Column::Id.in_subquery(
                session_counsellor::Entity::find()
                    .select_only()
                    .column(session_counsellor::Column::SessionId)
                    .filter(
                        session_counsellor::Column::PersonId.is_in(claim.people.iter().copied()),
                    )
                    .into_query(),
            ),
        )
        .add(
            workshop_session::Column::Id.in_subquery(
                session_facilitator::Entity::find()
                    .select_only()
                    .column(session_facilitator::Column::SessionId)
                    .filter(
                        session_facilitator::Column::PersonId.is_in(claim.people.iter().copied()),
                    )
                    .into_query(),
            ),
        );
    if let Some((room_id, _)) = claim.room {
        holding = holding.add(workshop_session::Column::RoomId.eq(room_id));
    }
    let overlapping = workshop_session::Entity::find()
        .filter(workshop_session::Column::StartsAt.lt(claim.ends_at))
        .filter(workshop_session::Column::EndsAt.gt(claim.starts_at))
        .filter(workshop_session::Column::Status.ne(SessionStatus::Cancelled))
        .filter(holding)
        .all(db)
        .await?
        .into_iter()
        .filter(|session| !moving_together.contains(&session.id))
        .collect::<Vec<_>>();
    if overlapping.is_empty() {
        return Ok(());
    }
    let titles: HashMap<WorkshopTypeId, String> = workshop_type::Entity::find()
        .filter(
            workshop_type::Column::Id
                .is_in(overlapping.iter().map(|session| session.workshop_type_id)),
        )
        .all(db)
        .await?
        .into_iter()
        .map(|workshop| (workshop.id, workshop.title))
        .collect();
    let booked: Vec<BookedSession> = load_bundles(db, overlapping)
        .await?
        .into_iter()
        .map(|bundle| BookedSession {
            booking: Booking {
                session_id: bundle.session.id,
                title: titles
                    .get(&bundle.session.workshop_type_id)
                    .cloned()
                    .unwrap_or_default(),
                starts_at: bundle.session.starts_at,
                ends_at: bundle.session.ends_at,
            },
            room_id: bundle.session.room_id,
            people: &bundle.counsellor_ids | &bundle.facilitator_ids,
        })
        .collect();
    let names = names_of(db, claim.people.iter().copied().collect()).await?;
    Ok(double_booking(claim, &booked, &names)?)
}

/// Checks that every chosen person is an active counsellor (or, for `facilitators`, an active
/// guest facilitator), so a tampered id cannot attach anyone else.
pub(crate) async fn check_people(
    db: &impl ConnectionTrait,
    counsellors: &BTreeSet<PersonId>,
    facilitators: &BTreeSet<PersonId>,
) -> Result<(), ServiceError> {
    let active = |ids: &BTreeSet<PersonId>| {
        person::Entity::find()
            .filter(person::Column::Id.is_in(ids.iter().copied()))
            .filter(person::Column::ArchivedAt.is_null())
            .select_only()
            .column(person::Column::Id)
            .into_tuple::<PersonId>()
    };
    if !counsellors.is_empty() {
        let active_ids: BTreeSet<PersonId> =
            active(counsellors).all(db).await?.into_iter().collect();
        let staff = staff_member::Entity::find()
            .filter(staff_member::Column::PersonId.is_in(active_ids.iter().copied()))
            .filter(staff_member::Column::Role.eq("counsellor"))
            .all(db)
            .await?;
        if staff.len() != counsellors.len() {
            return Err(PlanningRefusal::UnknownCounsellors.into());
        }
    }
    if !facilitators.is_empty() {
        let active_ids: BTreeSet<PersonId> =
            active(facilitators).all(db).await?.into_iter().collect();
        let found = facilitator::Entity::find()
            .filter(facilitator::Column::PersonId.is_in(active_ids.iter().copied()))
            .all(db)
            .await?;
        if found.len() != facilitators.len() {
            return Err(PlanningRefusal::UnknownFacilitators.into());
        }
    }
    Ok(())
}

/// Where and with whom a plan happens, checked and locked for the transaction.
pub(crate) struct Reserved {
    pub organiser: MissionLocaleId,
    pub room: Option<RoomWithSite>,
    /// The plan's counsellors and facilitators.
    pub people: BTreeSet<PersonId>,
}

impl Reserved {
    /// What a session of the plan from `starts_at` to `ends_at` would hold.
    pub fn claim(&self, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Claim<'_> {
        Claim {
            starts_at,
            ends_at,
            room: self
                .room
                .as_ref()
                .map(|room| (room.room.id, room.room.name.as_str())),
            people: &self.people,
        }
    }
}

/// The organiser (the actor must plan for it), the room (known, large enough for the plan)
/// and the plan's people, locked until the transaction ends (`lock_resources`).
pub(crate) async fn reserve(
    db: &impl ConnectionTrait,
    actor: &Actor,
    plan: &SessionPlan,
) -> Result<Reserved, ServiceError> {
    let organiser = organiser_of(db, actor, plan).await?;
    if !actor.may_plan_for(organiser) {
        return Err(ServiceError::Forbidden);
    }
    let room = match &plan.place {
        PlaceChoice::Room(room_id) => {
            let room = load_room(db, *room_id)
                .await?
                .ok_or_else(|| ServiceError::from(PlanningRefusal::UnknownRoom))?;
            plan.check_room_capacity(&room.room.name, room.room.capacity.max(0) as u32)?;
            Some(room)
        }
        PlaceChoice::External { .. } => None,
    };
    let people = &plan.counsellor_ids | &plan.facilitator_ids;
    lock_resources(db, room.as_ref().map(|room| room.room.id), &people).await?;
    Ok(Reserved {
        organiser,
        room,
        people,
    })
}

/// The Mission Locale organising the session: the room's; for an external venue, the planning
/// counsellor's, or (for a coordinator) the first counsellor's.
async fn organiser_of(
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

/// Sets the columns a plan decides on a session row, whether new or edited.
pub(crate) fn set_planned_columns(
    row: &mut workshop_session::ActiveModel,
    plan: &SessionPlan,
    reserved: &Reserved,
) {
    let (venue_name, venue_address) = plan.place.venue();
    row.mission_locale_id = Set(reserved.organiser);
    row.room_id = Set(reserved.room.as_ref().map(|room| room.room.id));
    row.venue_name = Set(venue_name);
    row.venue_address = Set(venue_address);
    row.capacity = Set(plan.capacity as i32);
    row.audience = Set(plan.audience.code().to_owned());
    row.enrolment_opens_days_before = Set(plan.window.opens_days_before.map(|days| days as i32));
    row.enrolment_closes_minutes_before = Set(plan.window.closes_minutes_before as i32);
    row.cancellation_closes_minutes_before =
        Set(plan.place_rules.cancellation_closes_minutes_before as i32);
    row.promotion_stops_minutes_before =
        Set(plan.place_rules.promotion_stops_minutes_before as i32);
    row.note_for_youths = Set(plan.note_for_youths.clone());
}

/// Replaces a session's counsellors, facilitators and audience with the plan's.
pub(crate) async fn write_planned_people(
    db: &impl ConnectionTrait,
    session_id: SessionId,
    plan: &SessionPlan,
) -> Result<(), ServiceError> {
    write_people(
        db,
        PeopleTable::Counsellors,
        session_id,
        &plan.counsellor_ids,
    )
    .await?;
    write_people(
        db,
        PeopleTable::Facilitators,
        session_id,
        &plan.facilitator_ids,
    )
    .await?;
    write_people(
        db,
        PeopleTable::Audience,
        session_id,
        &audience_people(&plan.audience),
    )
    .await
}

/// Serialises concurrent planning of the same room or people on PostgreSQL: the rows are
/// locked (in id order, so two plans cannot deadlock) until the transaction ends. SQLite
/// already lets one writer at a time.
pub(crate) async fn lock_resources(
    db: &impl ConnectionTrait,
    room_id: Option<RoomId>,
    people: &BTreeSet<PersonId>,
) -> Result<(), ServiceError> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    if let Some(room_id) = room_id {
        room::Entity::find_by_id(room_id)
            .lock_exclusive()
            .one(db)
            .await?;
    }
    if !people.is_empty() {
        person::Entity::find()
            .filter(person::Column::Id.is_in(people.iter().copied()))
            .order_by_asc(person::Column::Id)
            .lock_exclusive()
            .all(db)
            .await?;
    }
    Ok(())
}

/// The closures of the site holding `room_id`, for warnings.
pub(crate) async fn closures_of_room(
    db: &impl ConnectionTrait,
    room_id: Option<RoomId>,
) -> Result<Vec<(chrono::NaiveDate, chrono::NaiveDate, String)>, ServiceError> {
    let Some(room_id) = room_id else {
        return Ok(Vec::new());
    };
    let Some(room) = room::Entity::find_by_id(room_id).one(db).await? else {
        return Ok(Vec::new());
    };
    Ok(crate::entities::site_closure::Entity::find()
        .filter(crate::entities::site_closure::Column::SiteId.eq(room.site_id))
        .all(db)
        .await?
        .into_iter()
        .map(|closure| (closure.first_day, closure.last_day, closure.reason))
        .collect())
}
