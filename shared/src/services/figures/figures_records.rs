//! What the dashboards and the funder's exports read: the sessions held in a period, their
//! places and attendance lines, the participants. A handful of queries whatever the size of the
//! federation, for the exports (the dashboard is counted by the database: `count_dashboard`).

use std::collections::{BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Months, NaiveDate, NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::SelectStatement;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
};

use crate::ServiceError;
use crate::domain::{
    Actor, DashboardCounts, EnrolmentStatus, ExitOutcome, FiguresFacts, FiguresForm, FiguresQuery,
    Gender, LineFact, MissionLocaleId, PARIS, ParticipantFact, PersonId, PlaceFact, SessionFact,
    SessionId, SessionStatus, SheetState, Theme, count_facts, half_day_minutes, programme_last_day,
};
use crate::entities::{
    attendance_line, attendance_sheet, enrolment, minimisation, mission_locale, person,
    staff_member, workshop_session, youth,
};
use crate::services::access_guard::require;
use crate::services::catalogue::workshop_types::all_workshop_types;

/// Long `IN (…)` lists are sent in chunks, well under every database's parameter limit.
const CHUNK: usize = 500;

/// The query the actor asked for, checked: coordinators see any Mission Locale or the whole
/// federation; a counsellor sees their own Mission Locale (the default for them).
pub(crate) fn authorised_query(
    actor: &Actor,
    form: &FiguresForm,
    today: NaiveDate,
) -> Result<FiguresQuery, ServiceError> {
    require(actor, actor.may_view_agenda())?;
    let mut query = FiguresQuery::parse(form, today)?;
    if let Actor::Counsellor {
        mission_locale_id, ..
    } = actor
    {
        query.mission_locale_id.get_or_insert(*mission_locale_id);
    }
    require(actor, actor.may_view_figures(query.mission_locale_id))?;
    Ok(query)
}

/// Paris midnight at the start of `day`, in UTC.
pub(crate) fn start_of(day: NaiveDate) -> DateTime<Utc> {
    PARIS
        .from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map(|start| start.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(NaiveTime::MIN).and_utc())
}

/// A session held, with what the exports print of it.
pub(crate) struct HeldSession {
    pub fact: SessionFact,
    pub model: workshop_session::Model,
    pub title: String,
    pub sheet_state: SheetState,
}

/// Everything read for one period: sessions held (of one Mission Locale or all), their places
/// and confirmed lines, and the people involved.
pub(crate) struct PeriodRecords {
    pub sessions: Vec<HeldSession>,
    pub places: Vec<PlaceFact>,
    pub lines: Vec<attendance_line::Model>,
    pub youths: HashMap<PersonId, youth::Model>,
    pub people: HashMap<PersonId, person::Model>,
    /// The Mission Locale of every staff member (a youth's is their referent's).
    pub staff_mission_locale: HashMap<PersonId, MissionLocaleId>,
    pub mission_locales: HashMap<MissionLocaleId, String>,
    /// Minimised youths who had a phone, an email on file (`minimisations`): their file is
    /// empty now, their contactability in past periods is not.
    pub had_phone: HashSet<PersonId>,
    pub had_email: HashSet<PersonId>,
}

/// Which sessions of the period the records hold.
#[derive(Clone, Copy, Debug)]
pub(crate) enum HeldBy {
    /// The sessions organised by this Mission Locale, or by any.
    Organiser(Option<MissionLocaleId>),
    /// The sessions where the query's participants have lines, wherever held, with their lines
    /// only (every session when the query is the whole federation's).
    Participants,
}

impl PeriodRecords {
    /// Reads the period's records: its sessions (`held`), their places, sheets and confirmed
    /// lines, and the youths (participants in the query's scope, and everyone on a place or a
    /// line) with their people. Sessions, places and lines come in one query each whatever their
    /// number; a Mission Locale's youths are read alone, not the whole federation's.
    pub async fn load(
        db: &impl ConnectionTrait,
        query: &FiguresQuery,
        held: HeldBy,
        now: DateTime<Utc>,
    ) -> Result<PeriodRecords, ServiceError> {
        let scope_youths = query.mission_locale_id.map(|mission_locale_id| {
            youth::Entity::find()
                .select_only()
                .column(youth::Column::PersonId)
                .filter(
                    youth::Column::ReferentId.in_subquery(
                        staff_member::Entity::find()
                            .select_only()
                            .column(staff_member::Column::PersonId)
                            .filter(staff_member::Column::MissionLocaleId.eq(mission_locale_id))
                            .into_query(),
                    ),
                )
                .into_query()
        });
        let mut sessions_query = workshop_session::Entity::find()
            .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
            .filter(workshop_session::Column::StartsAt.gte(start_of(query.from)))
            .filter(
                workshop_session::Column::StartsAt
                    .lt(start_of(query.to.succ_opt().unwrap_or(query.to))),
            )
            .filter(workshop_session::Column::EndsAt.lte(now));
        let mut lines_query =
            attendance_line::Entity::find().filter(attendance_line::Column::Confirmed.eq(true));
        match (held, &scope_youths) {
            (HeldBy::Organiser(Some(mission_locale_id)), _) => {
                sessions_query = sessions_query
                    .filter(workshop_session::Column::MissionLocaleId.eq(mission_locale_id));
            }
            (HeldBy::Participants, Some(scope_youths)) => {
                lines_query = lines_query
                    .filter(attendance_line::Column::YouthId.in_subquery(scope_youths.clone()));
                sessions_query = sessions_query.filter(
                    workshop_session::Column::Id.in_subquery(
                        lines_query
                            .clone()
                            .select_only()
                            .column(attendance_line::Column::SessionId)
                            .into_query(),
                    ),
                );
            }
            (HeldBy::Organiser(None) | HeldBy::Participants, _) => {}
        }
        let session_ids = sessions_query
            .clone()
            .select_only()
            .column(workshop_session::Column::Id)
            .into_query();
        let models = sessions_query.all(db).await?;
        let workshops = all_workshop_types(db).await?;
        let sheet_states: HashMap<SessionId, SheetState> = attendance_sheet::Entity::find()
            .filter(attendance_sheet::Column::SessionId.in_subquery(session_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|sheet| (sheet.session_id, sheet.state))
            .collect();
        let places: Vec<PlaceFact> = enrolment::Entity::find()
            .select_only()
            .columns([enrolment::Column::SessionId, enrolment::Column::YouthId])
            .filter(enrolment::Column::SessionId.in_subquery(session_ids.clone()))
            .filter(enrolment::Column::Status.eq(EnrolmentStatus::Registered))
            .into_tuple::<(SessionId, PersonId)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(session_id, youth_id)| PlaceFact {
                session_id,
                youth_id,
            })
            .collect();
        let lines = lines_query
            .filter(attendance_line::Column::SessionId.in_subquery(session_ids))
            .all(db)
            .await?;
        let sessions = models
            .into_iter()
            .map(|model| {
                let workshop = workshops.get(&model.workshop_type_id);
                let sheet_state = sheet_states
                    .get(&model.id)
                    .copied()
                    .unwrap_or(SheetState::Open);
                HeldSession {
                    fact: SessionFact {
                        session_id: model.id,
                        theme: workshop.map_or(Theme::Other, |workshop| workshop.theme),
                        day: model.starts_at.with_timezone(&PARIS).date_naive(),
                        minutes: (model.ends_at - model.starts_at).num_minutes(),
                        capacity: model.capacity.max(0) as u32,
                        sheet_closed: sheet_state.is_closed(),
                    },
                    title: workshop
                        .map(|workshop| workshop.title.clone())
                        .unwrap_or_default(),
                    sheet_state,
                    model,
                }
            })
            .collect();
        let (youths, people) = match scope_youths {
            Some(scope_youths) => {
                let met: BTreeSet<PersonId> = places
                    .iter()
                    .map(|place| place.youth_id)
                    .chain(lines.iter().map(|line| line.youth_id))
                    .collect();
                youths_and_people(db, query, scope_youths, met).await?
            }
            None => (
                youth::Entity::find().all(db).await?,
                person::Entity::find().all(db).await?,
            ),
        };
        let minimised = minimisation::Entity::find().all(db).await?;
        Ok(PeriodRecords {
            sessions,
            places,
            lines,
            youths: youths
                .into_iter()
                .map(|youth| (youth.person_id, youth))
                .collect(),
            people: people
                .into_iter()
                .map(|person| (person.id, person))
                .collect(),
            staff_mission_locale: staff_member::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .filter_map(|staff| Some((staff.person_id, staff.mission_locale_id?)))
                .collect(),
            mission_locales: mission_locale::Entity::find()
                .all(db)
                .await?
                .into_iter()
                .map(|ml| (ml.id, ml.name))
                .collect(),
            had_phone: minimised
                .iter()
                .filter(|done| done.had_phone)
                .map(|done| done.youth_id)
                .collect(),
            had_email: minimised
                .iter()
                .filter(|done| done.had_email)
                .map(|done| done.youth_id)
                .collect(),
        })
    }

    pub fn gender_of(&self, youth_id: PersonId) -> Gender {
        self.youths
            .get(&youth_id)
            .and_then(|youth| Gender::parse(&youth.gender).ok())
            .unwrap_or(Gender::Undisclosed)
    }

    /// Each line with the minutes of its half-day (a youth present only in the morning of a
    /// full day counts the morning's).
    pub fn line_facts(&self) -> Vec<LineFact> {
        let times: HashMap<SessionId, (DateTime<Utc>, DateTime<Utc>)> = self
            .sessions
            .iter()
            .map(|held| (held.model.id, (held.model.starts_at, held.model.ends_at)))
            .collect();
        self.lines
            .iter()
            .map(|line| LineFact {
                session_id: line.session_id,
                youth_id: line.youth_id,
                status: line.status,
                minutes: times.get(&line.session_id).map_or(0, |(starts, ends)| {
                    half_day_minutes(*starts, *ends, line.half_day)
                }),
            })
            .collect()
    }

    /// The youth's Mission Locale: their referent's.
    pub fn mission_locale_of_youth(&self, youth: &youth::Model) -> Option<MissionLocaleId> {
        self.staff_mission_locale.get(&youth.referent_id).copied()
    }

    /// The youths followed in scope whose programme (entry to exit, or twelve months) overlaps the
    /// period, by last name.
    pub fn participants(&self, query: &FiguresQuery) -> Vec<&youth::Model> {
        let mut participants: Vec<&youth::Model> = self
            .youths
            .values()
            .filter(|youth| {
                query.mission_locale_id.is_none()
                    || self.mission_locale_of_youth(youth) == query.mission_locale_id
            })
            .filter(|youth| {
                youth.programme_entry_date <= query.to
                    && programme_last_day(youth.programme_entry_date, youth.programme_exit_date)
                        >= query.from
            })
            .collect();
        participants.sort_by_key(|youth| {
            self.people.get(&youth.person_id).map(|person| {
                (
                    person.last_name.to_lowercase(),
                    person.first_name.to_lowercase(),
                    person.id,
                )
            })
        });
        participants
    }

    /// How the programme ended, when it ended by the end of the period.
    pub fn exit_within(youth: &youth::Model, query: &FiguresQuery) -> Option<ExitOutcome> {
        let exit = youth.programme_exit_date?;
        if exit > query.to {
            return None;
        }
        ExitOutcome::parse(youth.exit_outcome.as_deref()?).ok()
    }

    pub fn reachable(&self, youth_id: PersonId) -> bool {
        self.has_phone(youth_id) || self.has_email(youth_id)
    }

    /// A phone on file, or there was one when the youth was minimised.
    pub fn has_phone(&self, youth_id: PersonId) -> bool {
        self.had_phone.contains(&youth_id)
            || self
                .people
                .get(&youth_id)
                .is_some_and(|person| filled(&person.phone))
    }

    /// An email on file, or there was one when the youth was minimised.
    pub fn has_email(&self, youth_id: PersonId) -> bool {
        self.had_email.contains(&youth_id)
            || self
                .people
                .get(&youth_id)
                .is_some_and(|person| filled(&person.email))
    }

    pub fn participant_facts(&self, query: &FiguresQuery) -> Vec<ParticipantFact> {
        self.participants(query)
            .into_iter()
            .map(|youth| ParticipantFact {
                youth_id: youth.person_id,
                gender: self.gender_of(youth.person_id),
                reachable: self.reachable(youth.person_id),
                exit_outcome: Self::exit_within(youth, query),
                mission_locale_id: self.mission_locale_of_youth(youth),
            })
            .collect()
    }

    pub fn mission_locale_name(&self, id: Option<MissionLocaleId>) -> String {
        id.and_then(|id| self.mission_locales.get(&id).cloned())
            .unwrap_or_default()
    }

    pub fn full_name(&self, person_id: PersonId) -> (String, String) {
        self.people
            .get(&person_id)
            .map(|person| (person.last_name.clone(), person.first_name.clone()))
            .unwrap_or_default()
    }
}

/// The dashboard's counts from the period's facts, counted in Rust by `domain::count_facts`:
/// what `count_dashboard` must agree with (it reads every row, too slow at national scale for
/// the dashboard itself).
pub async fn count_records(
    db: &impl ConnectionTrait,
    actor: &Actor,
    form: &FiguresForm,
    now: DateTime<Utc>,
) -> Result<DashboardCounts, ServiceError> {
    let query = authorised_query(actor, form, now.with_timezone(&PARIS).date_naive())?;
    let records =
        PeriodRecords::load(db, &query, HeldBy::Organiser(query.mission_locale_id), now).await?;
    let lines = records.line_facts();
    let genders = lines
        .iter()
        .map(|line| (line.youth_id, records.gender_of(line.youth_id)))
        .collect();
    Ok(count_facts(&FiguresFacts {
        sessions: records
            .sessions
            .iter()
            .map(|session| session.fact.clone())
            .collect(),
        places: records.places.clone(),
        lines,
        genders,
        participants: records.participant_facts(&query),
    }))
}

/// The youths of `scope_youths` whose programme may overlap the query's period (the exact test
/// is [`PeriodRecords::participants`]) and the youths in `met`, with their people.
async fn youths_and_people(
    db: &impl ConnectionTrait,
    query: &FiguresQuery,
    scope_youths: SelectStatement,
    met: BTreeSet<PersonId>,
) -> Result<(Vec<youth::Model>, Vec<person::Model>), ServiceError> {
    // Without an exit, the programme lasts twelve months from the entry.
    let entered_since = query
        .from
        .checked_sub_months(Months::new(12))
        .unwrap_or(NaiveDate::MIN);
    let mut youths = youth::Entity::find()
        .filter(youth::Column::PersonId.in_subquery(scope_youths))
        .filter(youth::Column::ProgrammeEntryDate.lte(query.to))
        .filter(
            Condition::any()
                .add(youth::Column::ProgrammeExitDate.gte(query.from))
                .add(
                    Condition::all()
                        .add(youth::Column::ProgrammeExitDate.is_null())
                        .add(youth::Column::ProgrammeEntryDate.gte(entered_since)),
                ),
        )
        .all(db)
        .await?;
    let mut ids: BTreeSet<PersonId> = youths.iter().map(|youth| youth.person_id).collect();
    let others: Vec<PersonId> = met.difference(&ids).copied().collect();
    for chunk in others.chunks(CHUNK) {
        youths.extend(
            youth::Entity::find()
                .filter(youth::Column::PersonId.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    ids.extend(others);
    let ids: Vec<PersonId> = ids.into_iter().collect();
    let mut people = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(CHUNK) {
        people.extend(
            person::Entity::find()
                .filter(person::Column::Id.is_in(chunk.to_vec()))
                .all(db)
                .await?,
        );
    }
    Ok((youths, people))
}

/// A phone number or an email address is on file (not just an empty string).
pub(crate) fn filled(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|text| !text.trim().is_empty())
}

/// `participants-ml-3-2025-12-01-2026-11-28`: what a downloaded file is called.
pub(crate) fn file_stem(kind: &str, query: &FiguresQuery) -> String {
    let scope = match query.mission_locale_id {
        Some(id) => format!("ml-{id}"),
        None => "federation".to_owned(),
    };
    format!("{kind}-{scope}-{}-{}", query.from, query.to)
}
