//! A realistic past year of the programme, generated: youths entering and leaving, sessions held
//! (and some cancelled) across the Missions Locales, places taken, waiting lists, roll-calls and
//! sheets (open, closed and paper), individual contacts with the referents. Each session is run by a counsellor of its Mission Locale in
//! turn, so each sees sheets of their own. For the figures' tests (which recompute the expected
//! totals from what this returns), the benchmark (`server/benches/figures.rs`) and the demo's
//! dashboard (`ATELIERS_DEMO_PAST_YEAR`, which `make run` and the browser tests set).
//! Deterministic: the same seed gives the same year.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::past_year_plan::{Dice, draw_demand, draw_roll_call, draw_session, draw_youth};
use crate::ServiceError;
use crate::domain::{
    AttendanceStatus, Audience, ContactKind, EnrolmentMethod, EnrolmentStatus, ExitOutcome, Gender,
    HalfDayNumber, MissionLocaleId, PARIS, PersonId, SessionId, SessionStatus, SheetState, Theme,
    WorkshopTypeId, programme_last_day,
};
use crate::entities::{
    attendance_line, attendance_sheet, enrolment, individual_contact, mission_locale, person,
    session_counsellor, staff_member, workshop_session, workshop_type, youth,
};

/// How big a year to generate.
#[derive(Clone, Copy, Debug)]
pub struct ActivityScale {
    pub youths_per_mission_locale: usize,
    /// Sessions held or cancelled within the last twelve months.
    pub sessions: usize,
}

impl ActivityScale {
    /// The demo's past year: 10 × 12 youths, 400 sessions (a few seconds to generate).
    pub const DEMO_YEAR: ActivityScale = ActivityScale {
        youths_per_mission_locale: 12,
        sessions: 400,
    };

    /// The federation's year: 10 × 50 youths (800 with the demo's 300), 1,500 sessions.
    pub const FEDERATION_YEAR: ActivityScale = ActivityScale {
        youths_per_mission_locale: 50,
        sessions: 1_500,
    };
}

/// A youth as generated.
#[derive(Clone, Debug)]
pub struct GeneratedYouth {
    pub person_id: PersonId,
    pub mission_locale_id: MissionLocaleId,
    pub gender: Gender,
    pub has_email: bool,
    pub has_phone: bool,
    pub entry: NaiveDate,
    pub exit: Option<(NaiveDate, ExitOutcome)>,
    pub referent_id: PersonId,
    /// Individual contacts with the referent: day, kind, minutes.
    pub contacts: Vec<(NaiveDate, ContactKind, u32)>,
}

/// A session as generated, with its places and lines.
#[derive(Clone, Debug)]
pub struct GeneratedSession {
    pub session_id: SessionId,
    pub mission_locale_id: MissionLocaleId,
    pub theme: Theme,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: u32,
    pub cancelled: bool,
    pub registered: Vec<PersonId>,
    pub waiting: Vec<PersonId>,
    /// Confirmed lines: youth, status, walk-in.
    pub lines: Vec<(PersonId, AttendanceStatus, bool)>,
    /// A self check-in not yet confirmed (not counted).
    pub unconfirmed: Option<PersonId>,
    pub sheet: Option<SheetState>,
}

#[derive(Clone, Debug, Default)]
pub struct GeneratedActivity {
    pub youths: Vec<GeneratedYouth>,
    pub sessions: Vec<GeneratedSession>,
}

/// Generates and stores the year, in one transaction-less pass (the caller wraps it if it must
/// be atomic). Needs the Missions Locales, at least one counsellor in each and the catalogue.
pub async fn generate_past_activity(
    db: &impl ConnectionTrait,
    seed: u64,
    scale: ActivityScale,
    now: DateTime<Utc>,
) -> Result<GeneratedActivity, ServiceError> {
    let mut dice = Dice::new(seed);
    let today = now.with_timezone(&PARIS).date_naive();
    let mission_locales: Vec<MissionLocaleId> = mission_locale::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|ml| ml.id)
        .collect();
    let counsellors: Vec<(PersonId, MissionLocaleId)> = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("counsellor"))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|staff| Some((staff.person_id, staff.mission_locale_id?)))
        .collect();
    let workshops: Vec<(WorkshopTypeId, Theme, i64)> = workshop_type::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|workshop| {
            (
                workshop.id,
                workshop.theme,
                i64::from(workshop.default_duration_minutes),
            )
        })
        .collect();
    if workshops.is_empty() {
        return Err(ServiceError::NotFound);
    }

    let mut activity = GeneratedActivity::default();
    for (ml_index, &mission_locale_id) in mission_locales.iter().enumerate() {
        let referents: Vec<PersonId> = counsellors
            .iter()
            .filter(|(_, ml)| *ml == mission_locale_id)
            .map(|(id, _)| *id)
            .collect();
        if referents.is_empty() {
            continue;
        }
        for index in 0..scale.youths_per_mission_locale {
            let drawn = draw_youth(&mut dice, today);
            let (has_email, has_phone) = (drawn.has_email, drawn.has_phone);
            let person = person::ActiveModel {
                first_name: Set(drawn.first_name.to_owned()),
                last_name: Set(drawn.last_name.to_owned()),
                email: Set(
                    has_email.then(|| format!("jeune.{seed}.{ml_index}.{index}@activite.example"))
                ),
                phone: Set(has_phone.then(|| format!("+3367{:07}", ml_index * 10_000 + index))),
                created_at: Set(now),
                archived_at: Set(None),
                ..Default::default()
            }
            .insert(db)
            .await?;
            youth::ActiveModel {
                person_id: Set(person.id),
                referent_id: Set(referents[index % referents.len()]),
                date_of_birth: Set(drawn.date_of_birth),
                gender: Set(drawn.gender.code().to_owned()),
                programme_entry_date: Set(drawn.entry),
                programme_exit_date: Set(drawn.exit.map(|(day, _)| day)),
                exit_outcome: Set(drawn.exit.map(|(_, outcome)| outcome.code().to_owned())),
                disability_recognised: Set(false),
                judicial_supervision: Set(false),
                version: Set(0),
            }
            .insert(db)
            .await?;
            activity.youths.push(GeneratedYouth {
                person_id: person.id,
                mission_locale_id,
                gender: drawn.gender,
                has_email,
                has_phone,
                entry: drawn.entry,
                exit: drawn.exit,
                referent_id: referents[index % referents.len()],
                contacts: Vec::new(),
            });
        }
    }

    let mut places = Vec::new();
    let mut lines = Vec::new();
    let mut sheets = Vec::new();
    let mut runs = Vec::new();
    for index in 0..scale.sessions {
        let mission_locale_id = mission_locales[index % mission_locales.len()];
        let drawn = draw_session(&mut dice, today, workshops.len());
        let (workshop_type_id, theme, minutes) = workshops[drawn.workshop];
        let (day, starts_at, capacity, cancelled) =
            (drawn.day, drawn.starts_at, drawn.capacity, drawn.cancelled);
        let ends_at = starts_at + Duration::minutes(minutes);
        let session = workshop_session::ActiveModel {
            workshop_type_id: Set(workshop_type_id),
            mission_locale_id: Set(mission_locale_id),
            starts_at: Set(starts_at),
            ends_at: Set(ends_at),
            room_id: Set(None),
            venue_name: Set("Salle de la Mission Locale".to_owned()),
            venue_address: Set("Seine-Saint-Denis".to_owned()),
            capacity: Set(capacity as i32),
            status: Set(if cancelled {
                SessionStatus::Cancelled
            } else {
                SessionStatus::Published
            }),
            audience: Set(Audience::Federation.code().to_owned()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        // Run by one of the Mission Locale's counsellors, in turn: they see its sheet among
        // theirs to close, and are reminded of it while it is open.
        let runners: Vec<PersonId> = counsellors
            .iter()
            .filter(|(_, ml)| *ml == mission_locale_id)
            .map(|(id, _)| *id)
            .collect();
        if !runners.is_empty() {
            runs.push(session_counsellor::ActiveModel {
                session_id: Set(session.id),
                person_id: Set(runners[(index / mission_locales.len()) % runners.len()]),
            });
        }
        // The Mission Locale's youths in the programme that day, in a shuffled order.
        let mut candidates: Vec<PersonId> = activity
            .youths
            .iter()
            .filter(|youth| {
                youth.mission_locale_id == mission_locale_id
                    && youth.entry <= day
                    && day <= programme_last_day(youth.entry, youth.exit.map(|(exit, _)| exit))
            })
            .map(|youth| youth.person_id)
            .collect();
        dice.shuffle(&mut candidates);
        let wanted = draw_demand(&mut dice, capacity);
        let registered: Vec<PersonId> = candidates
            .iter()
            .take(wanted.min(capacity as usize))
            .copied()
            .collect();
        let waiting: Vec<PersonId> = candidates
            .iter()
            .skip(registered.len())
            .take(wanted.saturating_sub(registered.len()))
            .copied()
            .collect();
        let held = !cancelled && ends_at <= now;
        let mut generated = GeneratedSession {
            session_id: session.id,
            mission_locale_id,
            theme,
            starts_at,
            ends_at,
            capacity,
            cancelled,
            registered: registered.clone(),
            waiting: waiting.clone(),
            lines: Vec::new(),
            unconfirmed: None,
            sheet: None,
        };
        for (ticket, youth_id) in registered.iter().chain(&waiting).enumerate() {
            let is_registered = ticket < registered.len();
            places.push(enrolment::ActiveModel {
                session_id: Set(session.id),
                youth_id: Set(*youth_id),
                status: Set(if is_registered {
                    EnrolmentStatus::Registered
                } else {
                    EnrolmentStatus::Waiting
                }),
                ticket: Set(ticket as i64 + 1),
                method: Set(EnrolmentMethod::ByYouth),
                enrolled_by: Set(None),
                requested_at: Set(starts_at - Duration::days(7)),
                registered_at: Set(is_registered.then(|| starts_at - Duration::days(7))),
                ended_at: Set(None),
                ended_reason: Set(None),
                ..Default::default()
            });
        }
        if held && !registered.is_empty() {
            let without_place = registered.len() + waiting.len();
            let roll_call = draw_roll_call(
                &mut dice,
                registered.len(),
                candidates.get(without_place).is_some(),
                candidates.get(without_place + 1).is_some(),
            );
            for (youth_id, status) in registered.iter().zip(roll_call.statuses) {
                generated.lines.push((*youth_id, status, false));
            }
            // A walk-in now and then, and a check-in left unconfirmed, from the youths without
            // a place.
            if roll_call.walk_in {
                generated
                    .lines
                    .push((candidates[without_place], AttendanceStatus::Present, true));
            }
            if roll_call.late_check_in {
                generated.unconfirmed = Some(candidates[without_place + 1]);
            }
            let state = roll_call.sheet;
            generated.sheet = Some(state);
            sheets.push(attendance_sheet::ActiveModel {
                session_id: Set(session.id),
                state: Set(state),
                check_in_secret: Set(format!("generated-{}", session.id)),
                opened_at: Set(starts_at),
                closed_at: Set(state.is_closed().then_some(ends_at)),
                closed_by: Set(None),
                closing_signature: Set(None),
                ..Default::default()
            });
            for (youth_id, status, walk_in) in &generated.lines {
                lines.push(new_line(
                    session.id, *youth_id, *status, *walk_in, true, starts_at,
                ));
            }
            if let Some(youth_id) = generated.unconfirmed {
                lines.push(new_line(
                    session.id,
                    youth_id,
                    AttendanceStatus::Present,
                    true,
                    false,
                    starts_at,
                ));
            }
        }
        activity.sessions.push(generated);
    }
    for chunk in places.chunks(500) {
        enrolment::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in runs.chunks(500) {
        session_counsellor::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in sheets.chunks(500) {
        attendance_sheet::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in lines.chunks(500) {
        attendance_line::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    let contacts = draw_contacts(&mut activity.youths, seed, today, now);
    for chunk in contacts.chunks(500) {
        individual_contact::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    Ok(activity)
}

/// Up to four individual contacts per youth within their programme, drawn with dice of their own
/// so that the rest of the year is the same as before contacts were generated.
fn draw_contacts(
    youths: &mut [GeneratedYouth],
    seed: u64,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Vec<individual_contact::ActiveModel> {
    const SUBJECTS: [&str; 5] = [
        "Point sur le projet professionnel",
        "Préparation d'un entretien d'embauche",
        "Recherche de stage",
        "Suivi des démarches de formation",
        "Relance après un atelier",
    ];
    const MINUTES: [u32; 5] = [10, 20, 30, 45, 60];
    let mut dice = Dice::new(seed ^ 0x00C0_47AC_7000);
    let mut rows = Vec::new();
    for youth in youths {
        let last_day = programme_last_day(youth.entry, youth.exit.map(|(day, _)| day)).min(today);
        if last_day < youth.entry {
            continue;
        }
        let span = usize::try_from((last_day - youth.entry).num_days()).unwrap_or(0);
        for _ in 0..dice.below(5) {
            let day = youth.entry + Duration::days(dice.below(span + 1) as i64);
            let kind = ContactKind::ALL[dice.below(ContactKind::ALL.len())];
            let minutes = MINUTES[dice.below(MINUTES.len())];
            youth.contacts.push((day, kind, minutes));
            rows.push(individual_contact::ActiveModel {
                youth_id: Set(youth.person_id),
                mission_locale_id: Set(youth.mission_locale_id),
                kind: Set(kind),
                happened_on: Set(day),
                minutes: Set(minutes as i32),
                subject: Set(SUBJECTS[dice.below(SUBJECTS.len())].to_owned()),
                recorded_by: Set(youth.referent_id),
                recorded_at: Set(now),
                ..Default::default()
            });
        }
    }
    rows
}

fn new_line(
    session_id: SessionId,
    youth_id: PersonId,
    status: AttendanceStatus,
    walk_in: bool,
    confirmed: bool,
    starts_at: DateTime<Utc>,
) -> attendance_line::ActiveModel {
    attendance_line::ActiveModel {
        session_id: Set(session_id),
        youth_id: Set(youth_id),
        half_day: Set(HalfDayNumber::FIRST),
        status: Set(status),
        walk_in: Set(walk_in),
        checked_in_at: Set((!confirmed).then_some(starts_at)),
        confirmed: Set(confirmed),
        marked_by: Set(None),
        marked_at: Set(starts_at),
        signature: Set(status
            .attended()
            .then(|| "100,100 200,200 300,100 400,200 500,100 600,200 700,100 800,200".to_owned())),
        signed_at: Set(status.attended().then_some(starts_at)),
        signature_collected_by: Set(None),
        ..Default::default()
    }
}
