//! Reading and writing a session's places (shared by the enrolment use cases; not a use case
//! itself). Every change of places goes through [`lock_roster`] then [`write_changes`] inside
//! one transaction: the capacity check and the write are one atomic step, on SQLite and on
//! PostgreSQL, across any number of server instances.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QuerySelect, Set,
};

use crate::ServiceError;
use crate::domain::{
    EnrolmentEventKind, EnrolmentMethod, EnrolmentStatus, MissionLocaleId, PersonId, Place,
    PlaceRules, Roster, RosterChange, SessionFacts, SessionId, SessionStatus, Standing,
    WorkshopTypeId, YouthFacts, YouthFile,
};
use crate::entities::{
    enrolment, enrolment_event, person, staff_member, workshop_session, workshop_type, youth,
};
use crate::services::MailSettings;
use crate::services::notifications::session_mail::{
    Occasion, PreparedSessionMail, SessionForMail, send_mail_of_session,
};
use crate::services::planning::session_records::SessionBundle;

/// A session's places, read while holding the session's lock.
pub(crate) struct LockedRoster {
    pub session: workshop_session::Model,
    pub roster: Roster,
    /// Every enrolment row of the session (ended ones too), by youth.
    rows: HashMap<PersonId, enrolment::Model>,
    /// The session's mail facts, when read before the lock and still current.
    mail_facts: Option<SessionForMail>,
}

impl LockedRoster {
    pub fn row(&self, youth_id: PersonId) -> Option<&enrolment::Model> {
        self.rows.get(&youth_id)
    }

    /// Lets [`write_changes`] use the mail facts read before the lock, if the session has not
    /// changed since (otherwise it reads them again, under the lock).
    pub async fn keep_mail_facts(
        &mut self,
        txn: &impl ConnectionTrait,
        prepared: PreparedSessionMail,
    ) -> Result<(), ServiceError> {
        self.mail_facts = prepared.still_current(txn, &self.session).await?;
        Ok(())
    }
}

/// Takes the session's lock, then reads its places. On PostgreSQL the update locks the
/// session's row until commit, across server instances; on SQLite the transaction already holds
/// the write lock (`begin_write`), so no other writer can take the same free seat.
pub(crate) async fn lock_roster(
    txn: &impl ConnectionTrait,
    session_id: SessionId,
) -> Result<LockedRoster, ServiceError> {
    let locked = workshop_session::Entity::update_many()
        .col_expr(
            workshop_session::Column::RosterVersion,
            Expr::col(workshop_session::Column::RosterVersion).add(1),
        )
        .filter(workshop_session::Column::Id.eq(session_id))
        .exec(txn)
        .await?;
    if locked.rows_affected == 0 {
        return Err(ServiceError::NotFound);
    }
    let session = workshop_session::Entity::find_by_id(session_id)
        .one(txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::SessionId.eq(session_id))
        .all(txn)
        .await?;
    let next_ticket = rows.iter().map(|row| row.ticket + 1).max().unwrap_or(1);
    let places = rows.iter().filter_map(|row| {
        let registered = match row.status {
            EnrolmentStatus::Registered => true,
            EnrolmentStatus::Waiting => false,
            EnrolmentStatus::Cancelled | EnrolmentStatus::Removed => return None,
        };
        Some(Place {
            youth_id: row.youth_id,
            registered,
            ticket: row.ticket,
        })
    });
    let roster = Roster::new(
        u32::try_from(session.capacity).unwrap_or(0),
        places,
        next_ticket,
    );
    Ok(LockedRoster {
        rows: rows.into_iter().map(|row| (row.youth_id, row)).collect(),
        session,
        roster,
        mail_facts: None,
    })
}

/// Who made the changes: the actor (none for the system) and how.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ChangedBy {
    pub actor_id: Option<PersonId>,
    pub method: EnrolmentMethod,
    /// Promotions among the changes were chosen by the actor (otherwise they are automatic).
    pub promotions_by_hand: bool,
}

/// Writes the roster's changes and their events, and queues the mail they cause (invitations,
/// cancellations, waiting-list notes; `None` only for the demo data). Checks the invariants
/// first: a broken one rolls the whole transaction back rather than store an overbooked session.
pub(crate) async fn write_changes(
    txn: &impl ConnectionTrait,
    locked: &mut LockedRoster,
    changes: &[RosterChange],
    by: ChangedBy,
    reason: Option<&str>,
    mail: Option<&MailSettings>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    locked
        .roster
        .check()
        .map_err(|broken| ServiceError::Database(sea_orm::DbErr::Custom(broken)))?;
    let session_id = locked.session.id;
    for change in changes {
        let (method, actor_id) = match change.kind {
            EnrolmentEventKind::Promoted if !by.promotions_by_hand => {
                (EnrolmentMethod::Automatic, None)
            }
            // A youth changes their own place only: several youths' taps share a transaction.
            _ if by.method == EnrolmentMethod::ByYouth => {
                (EnrolmentMethod::ByYouth, Some(change.youth_id))
            }
            _ => (by.method, by.actor_id),
        };
        let status = change.kind.status_after();
        let row = match locked.rows.get(&change.youth_id).cloned() {
            Some(existing) => {
                let mut row = existing.into_active_model();
                row.status = Set(status);
                match change.kind {
                    EnrolmentEventKind::Registered | EnrolmentEventKind::Waitlisted => {
                        row.ticket = Set(change.ticket);
                        row.method = Set(method);
                        row.enrolled_by = Set(actor_id);
                        row.requested_at = Set(now);
                        row.registered_at =
                            Set((status == EnrolmentStatus::Registered).then_some(now));
                        row.ended_at = Set(None);
                        row.ended_reason = Set(None);
                    }
                    EnrolmentEventKind::Promoted => row.registered_at = Set(Some(now)),
                    EnrolmentEventKind::Cancelled
                    | EnrolmentEventKind::LeftWaitingList
                    | EnrolmentEventKind::Removed => {
                        row.ended_at = Set(Some(now));
                        row.ended_reason = Set(reason.map(str::to_owned));
                    }
                }
                row.update(txn).await?
            }
            None => {
                enrolment::ActiveModel {
                    session_id: Set(session_id),
                    youth_id: Set(change.youth_id),
                    status: Set(status),
                    ticket: Set(change.ticket),
                    method: Set(method),
                    enrolled_by: Set(actor_id),
                    requested_at: Set(now),
                    registered_at: Set((status == EnrolmentStatus::Registered).then_some(now)),
                    ended_at: Set(None),
                    ended_reason: Set(None),
                    ..Default::default()
                }
                .insert(txn)
                .await?
            }
        };
        let position = match locked.roster.standing(change.youth_id) {
            Some(Standing::Waiting { position })
                if change.kind == EnrolmentEventKind::Waitlisted =>
            {
                i32::try_from(position).ok()
            }
            _ => None,
        };
        enrolment_event::ActiveModel {
            enrolment_id: Set(row.id),
            session_id: Set(session_id),
            youth_id: Set(change.youth_id),
            at: Set(now),
            actor_id: Set(actor_id),
            kind: Set(change.kind),
            method: Set(method),
            position: Set(position),
            reason: Set(match change.kind {
                EnrolmentEventKind::Removed => reason.map(str::to_owned),
                _ => None,
            }),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        locked.rows.insert(change.youth_id, row);
    }
    if let Some(mail) = mail
        && !changes.is_empty()
    {
        let facts = match locked.mail_facts.take() {
            Some(facts) => facts,
            None => SessionForMail::load(txn, mail, session_id).await?,
        };
        // The rows as this transaction leaves them: no need to read them back.
        let places: Vec<enrolment::Model> = locked.rows.values().cloned().collect();
        send_mail_of_session(
            txn,
            mail,
            &facts,
            &places,
            &Occasion::Places {
                changes,
                by,
                reason,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// The staff member who acts, and the mail settings for what their change causes.
#[derive(Clone, Copy)]
pub(crate) struct ByStaff<'a> {
    pub actor_id: Option<PersonId>,
    pub mail: &'a MailSettings,
}

/// A staff member sets the session's number of places (never below the registered youths,
/// `refused` tells why in French) and the seats it frees go to the waiting list when `promote`.
pub(crate) async fn set_capacity_by_staff(
    txn: &impl ConnectionTrait,
    locked: &mut LockedRoster,
    capacity: u32,
    promote: bool,
    by: ByStaff<'_>,
    refused: impl FnOnce(crate::domain::EnrolmentRefusal) -> ServiceError,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let promoted = locked
        .roster
        .set_capacity(capacity, promote)
        .map_err(refused)?;
    write_changes(
        txn,
        locked,
        &promoted,
        ChangedBy {
            actor_id: by.actor_id,
            method: EnrolmentMethod::ByStaff,
            promotions_by_hand: false,
        },
        None,
        Some(by.mail),
        now,
    )
    .await
}

/// The session as enrolment rules see it.
pub(crate) fn session_facts(bundle: &SessionBundle) -> SessionFacts {
    facts_of(&bundle.session, bundle)
}

/// The facts of `session` (a fresher read of the bundle's row, e.g. under the lock).
pub(crate) fn facts_of(session: &workshop_session::Model, bundle: &SessionBundle) -> SessionFacts {
    SessionFacts {
        status: session.status,
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        organiser_mission_locale_id: session.mission_locale_id,
        audience: bundle.audience.clone(),
        window: bundle.window(),
        rules: place_rules(session),
    }
}

pub(crate) fn place_rules(session: &workshop_session::Model) -> PlaceRules {
    PlaceRules {
        cancellation_closes_minutes_before: u32::try_from(
            session.cancellation_closes_minutes_before,
        )
        .unwrap_or(0),
        promotion_stops_minutes_before: u32::try_from(session.promotion_stops_minutes_before)
            .unwrap_or(0),
    }
}

/// The youth as enrolment rules see them; `None` when `person_id` is not a youth.
pub(crate) async fn youth_facts(
    db: &impl ConnectionTrait,
    person_id: PersonId,
) -> Result<Option<YouthFacts>, ServiceError> {
    Ok(youths_facts(db, vec![person_id]).await?.remove(&person_id))
}

/// [`youth_facts`] of several youths in two queries; people who are not youths are left out.
pub(crate) async fn youths_facts(
    db: &impl ConnectionTrait,
    person_ids: Vec<PersonId>,
) -> Result<HashMap<PersonId, YouthFacts>, ServiceError> {
    if person_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let youths = youth::Entity::find()
        .filter(youth::Column::PersonId.is_in(person_ids))
        .all(db)
        .await?;
    let referents =
        referents_mission_locales(db, youths.iter().map(|youth| youth.referent_id)).await?;
    Ok(youths
        .iter()
        .filter_map(|youth| {
            let mission_locale_id = *referents.get(&youth.referent_id)?;
            Some((youth.person_id, facts_of_youth(youth, mission_locale_id)))
        })
        .collect())
}

/// The Mission Locale of each referent among `referent_ids` (those with one).
async fn referents_mission_locales(
    db: &impl ConnectionTrait,
    referent_ids: impl IntoIterator<Item = PersonId>,
) -> Result<HashMap<PersonId, MissionLocaleId>, ServiceError> {
    Ok(staff_member::Entity::find()
        .filter(staff_member::Column::PersonId.is_in(referent_ids))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|staff| Some((staff.person_id, staff.mission_locale_id?)))
        .collect())
}

/// The youth as enrolment rules see them, followed in `mission_locale_id` (their referent's).
fn facts_of_youth(youth: &youth::Model, mission_locale_id: MissionLocaleId) -> YouthFacts {
    YouthFacts {
        enrollee: crate::domain::Enrollee {
            mission_locale_id,
            referent_id: youth.referent_id,
        },
        date_of_birth: youth.date_of_birth,
        programme_entry_date: youth.programme_entry_date,
        programme_exit_date: youth.programme_exit_date,
    }
}

/// The title of a session, not cancelled, at which the youth holds a registered place and
/// which overlaps `session` (half-open: back to back is fine).
pub(crate) async fn overlapping_place(
    db: &impl ConnectionTrait,
    youth_id: PersonId,
    session: &workshop_session::Model,
) -> Result<Option<String>, ServiceError> {
    Ok(overlapping_places(db, vec![youth_id], session)
        .await?
        .remove(&youth_id))
}

/// [`overlapping_place`] of several youths in three queries: only those with one are listed
/// (the earliest session's title when several overlap).
pub(crate) async fn overlapping_places(
    db: &impl ConnectionTrait,
    youth_ids: Vec<PersonId>,
    session: &workshop_session::Model,
) -> Result<HashMap<PersonId, String>, ServiceError> {
    if youth_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let places: Vec<(PersonId, SessionId)> = enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.is_in(youth_ids))
        .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
        .filter(enrolment::Column::SessionId.ne(session.id))
        .select_only()
        .column(enrolment::Column::YouthId)
        .column(enrolment::Column::SessionId)
        .into_tuple()
        .all(db)
        .await?;
    if places.is_empty() {
        return Ok(HashMap::new());
    }
    let mut session_ids: Vec<SessionId> = places.iter().map(|(_, id)| *id).collect();
    session_ids.sort_unstable();
    session_ids.dedup();
    let others: HashMap<SessionId, (DateTime<Utc>, WorkshopTypeId)> =
        workshop_session::Entity::find()
            .filter(workshop_session::Column::Id.is_in(session_ids))
            .filter(workshop_session::Column::Status.ne(SessionStatus::Cancelled))
            .filter(workshop_session::Column::StartsAt.lt(session.ends_at))
            .filter(workshop_session::Column::EndsAt.gt(session.starts_at))
            .select_only()
            .column(workshop_session::Column::Id)
            .column(workshop_session::Column::StartsAt)
            .column(workshop_session::Column::WorkshopTypeId)
            .into_tuple::<(SessionId, DateTime<Utc>, WorkshopTypeId)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, starts_at, workshop_type_id)| (id, (starts_at, workshop_type_id)))
            .collect();
    if others.is_empty() {
        return Ok(HashMap::new());
    }
    let titles: HashMap<WorkshopTypeId, String> = workshop_type::Entity::find()
        .filter(workshop_type::Column::Id.is_in(others.values().map(|(_, type_id)| *type_id)))
        .select_only()
        .column(workshop_type::Column::Id)
        .column(workshop_type::Column::Title)
        .into_tuple::<(WorkshopTypeId, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut earliest: HashMap<PersonId, (DateTime<Utc>, SessionId, WorkshopTypeId)> =
        HashMap::new();
    for (youth_id, session_id) in places {
        let Some(&(starts_at, type_id)) = others.get(&session_id) else {
            continue;
        };
        let candidate = (starts_at, session_id, type_id);
        earliest
            .entry(youth_id)
            .and_modify(|kept| *kept = (*kept).min(candidate))
            .or_insert(candidate);
    }
    Ok(earliest
        .into_iter()
        .filter_map(|(youth_id, (_, _, type_id))| Some((youth_id, titles.get(&type_id)?.clone())))
        .collect())
}

/// Registered and waiting counts of each session.
pub(crate) async fn seat_counts(
    db: &impl ConnectionTrait,
    session_ids: Vec<SessionId>,
) -> Result<HashMap<SessionId, (u32, u32)>, ServiceError> {
    let mut counts: HashMap<SessionId, (u32, u32)> = HashMap::new();
    if session_ids.is_empty() {
        return Ok(counts);
    }
    let rows: Vec<(SessionId, EnrolmentStatus, i64)> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::SessionId)
        .column(enrolment::Column::Status)
        .column_as(enrolment::Column::Id.count(), "places")
        .filter(enrolment::Column::SessionId.is_in(session_ids))
        .filter(
            enrolment::Column::Status
                .is_in([EnrolmentStatus::Registered, EnrolmentStatus::Waiting]),
        )
        .group_by(enrolment::Column::SessionId)
        .group_by(enrolment::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (session_id, status, places) in rows {
        let entry = counts.entry(session_id).or_default();
        let places = u32::try_from(places).unwrap_or(0);
        if status == EnrolmentStatus::Registered {
            entry.0 = places;
        } else {
            entry.1 = places;
        }
    }
    Ok(counts)
}

/// The youth's standing at each of `session_ids` where they hold a place.
pub(crate) async fn standings_of(
    db: &impl ConnectionTrait,
    youth_id: PersonId,
    session_ids: Vec<SessionId>,
) -> Result<HashMap<SessionId, Standing>, ServiceError> {
    let mine = enrolment::Entity::find()
        .filter(enrolment::Column::YouthId.eq(youth_id))
        .filter(enrolment::Column::SessionId.is_in(session_ids))
        .filter(
            enrolment::Column::Status
                .is_in([EnrolmentStatus::Registered, EnrolmentStatus::Waiting]),
        )
        .all(db)
        .await?;
    let mut standings = HashMap::new();
    for place in mine {
        let standing = if place.status == EnrolmentStatus::Registered {
            Standing::Registered
        } else {
            let ahead = enrolment::Entity::find()
                .filter(enrolment::Column::SessionId.eq(place.session_id))
                .filter(enrolment::Column::Status.eq(EnrolmentStatus::Waiting))
                .filter(enrolment::Column::Ticket.lt(place.ticket))
                .count(db)
                .await?;
            Standing::Waiting {
                position: u32::try_from(ahead).unwrap_or(0) + 1,
            }
        };
        standings.insert(place.session_id, standing);
    }
    Ok(standings)
}

/// The youth acting for themself: the anonymous must sign in, anyone else may not.
pub(crate) fn acting_youth(actor: &crate::domain::Actor) -> Result<PersonId, ServiceError> {
    match actor {
        crate::domain::Actor::Youth { person_id } => Ok(*person_id),
        crate::domain::Actor::Anonymous => Err(ServiceError::NotSignedIn),
        _ => Err(ServiceError::Forbidden),
    }
}

/// [`write_changes`] for what youths did to their own places (each change is its youth's own;
/// the promotions it causes are automatic), and the mail goes out.
pub(crate) async fn write_youth_changes(
    txn: &impl ConnectionTrait,
    locked: &mut LockedRoster,
    changes: &[RosterChange],
    mail: &MailSettings,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let by = ChangedBy {
        actor_id: None,
        method: EnrolmentMethod::ByYouth,
        promotions_by_hand: false,
    };
    write_changes(txn, locked, changes, by, None, Some(mail), now).await
}

/// A youth as the staff's enrolment pages need them.
pub(crate) struct YouthOnRoster {
    pub file: YouthFile,
    pub name: String,
    pub facts: YouthFacts,
}

/// The youths among `ids` (archived ones left out), by id.
pub(crate) async fn youths_on_roster(
    db: &impl ConnectionTrait,
    ids: Vec<PersonId>,
) -> Result<HashMap<PersonId, YouthOnRoster>, ServiceError> {
    let mut found = HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let youths = youth::Entity::find()
        .filter(youth::Column::PersonId.is_in(ids))
        .find_also_related(person::Entity)
        .all(db)
        .await?;
    let referents =
        referents_mission_locales(db, youths.iter().map(|(youth, _)| youth.referent_id)).await?;
    for (youth, person) in youths {
        let (Some(person), Some(&mission_locale_id)) = (person, referents.get(&youth.referent_id))
        else {
            continue;
        };
        if person.archived_at.is_some() {
            continue;
        }
        found.insert(
            youth.person_id,
            YouthOnRoster {
                file: YouthFile {
                    person_id: youth.person_id,
                    referent_id: youth.referent_id,
                    mission_locale_id,
                },
                name: format!("{} {}", person.first_name, person.last_name),
                facts: facts_of_youth(&youth, mission_locale_id),
            },
        );
    }
    Ok(found)
}
