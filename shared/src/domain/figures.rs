//! The programme's figures: what the dashboards count, and how. Computed from plain facts read
//! by `services/figures/figures_records.rs`, so every rule here is tested without a database.
//!
//! - A session is *held* when it was published (not cancelled), started within the period and
//!   has ended. It counts for the Mission Locale that organised it.
//! - *Places offered* is the capacity of the sessions held; *places taken* the youths registered
//!   (not waiting, not cancelled) at the end.
//! - The *attendance rate* is the share of places taken whose youth came (present or late, as
//!   recorded on the sheet); walk-ins are counted apart, so the rate never exceeds 100 %.
//! - *Hours per youth* is the workshop time of every attendance (walk-ins included) divided by
//!   the youths who came at least once.
//! - *Participants* are the youths followed by the Mission Locale (their referent's) whose
//!   programme (entry to exit, or twelve months without an exit) overlaps the period; the funder
//!   counts each once, with their entry and exit. *Exits* are the programmes ended within the
//!   period; the *positive* share of them ended into a job, a training or back to education.
//!   The programme aims at 70 % positive exits (`POSITIVE_EXIT_TARGET_PERCENT`), read per
//!   Mission Locale (its referents' youths) and for the federation.
//! - *Contactability*: the share of participants with neither phone nor email. The dashboard
//!   warns from 25 %, well before the funder's penalty threshold of 35 %.
//! - *Individual contacts* (interviews, calls, video calls, messages) held within the period,
//!   counted for the Mission Locale of the youth's referent when recorded, by kind: how many,
//!   with how many youths, for how long. They are not workshop hours.
//! - Rows: the whole period, each theme, each month; attendance also by gender.
//! - The period (`FiguresQuery`): by default the twelve calendar months up to today (a youth's
//!   programme), at most three years.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{
    AttendanceStatus, ContactKind, ExitOutcome, Gender, InvalidInput, MissionLocaleId, PersonId,
    SessionId, Theme, format_day, format_duration, format_month,
};

/// From this share of participants with neither phone nor email, the dashboard warns: well
/// before the funder's threshold.
pub const CONTACTABILITY_WARNING_PERCENT: f64 = 25.0;

/// Over this share of participants without phone nor email, the funder applies a penalty.
pub const CONTACTABILITY_THRESHOLD_PERCENT: f64 = 35.0;

/// The longest period the figures cover at once.
const LONGEST_PERIOD_DAYS: i64 = 3 * 366;

/// The figures form as typed (a GET form: the address can be bookmarked and shared).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiguresForm {
    /// A Mission Locale's id, or empty for the whole federation.
    #[serde(default)]
    pub mission_locale: String,
    /// `YYYY-MM-DD`, or empty for the default period.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl FiguresForm {
    /// From the address's query (`ml`, `du`, `au`).
    pub fn from_query(value: impl Fn(&str) -> Option<String>) -> FiguresForm {
        FiguresForm {
            mission_locale: value("ml").unwrap_or_default(),
            from: value("du").unwrap_or_default(),
            to: value("au").unwrap_or_default(),
        }
    }
}

/// What the figures cover: the federation or one Mission Locale, between two days (both
/// included, Paris).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiguresQuery {
    pub mission_locale_id: Option<MissionLocaleId>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl FiguresQuery {
    /// The twelve months up to today: the length of a youth's programme.
    pub fn default_for(
        mission_locale_id: Option<MissionLocaleId>,
        today: NaiveDate,
    ) -> FiguresQuery {
        FiguresQuery {
            mission_locale_id,
            from: default_from(today),
            to: today,
        }
    }

    pub fn parse(form: &FiguresForm, today: NaiveDate) -> Result<FiguresQuery, InvalidInput> {
        let mission_locale_id = match form.mission_locale.trim() {
            "" => None,
            id => Some(id.parse::<MissionLocaleId>().map_err(|_| {
                InvalidInput::new(
                    "mission_locale",
                    "Choisissez une Mission Locale dans la liste.",
                )
            })?),
        };
        let to = match form.to.trim() {
            "" => today,
            typed => parse_day("to", "La date de fin", typed)?,
        };
        let from = match form.from.trim() {
            "" => default_from(to),
            typed => parse_day("from", "La date de début", typed)?,
        };
        if from > to {
            return Err(InvalidInput::new(
                "from",
                "La date de début doit précéder la date de fin.",
            ));
        }
        if (to - from).num_days() > LONGEST_PERIOD_DAYS {
            return Err(InvalidInput::new(
                "from",
                "Choisissez une période de trois ans au plus.",
            ));
        }
        Ok(FiguresQuery {
            mission_locale_id,
            from,
            to,
        })
    }

    /// The form that gives this query back (for links and the form's values).
    pub fn to_form(&self) -> FiguresForm {
        FiguresForm {
            mission_locale: self
                .mission_locale_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
            from: self.from.format("%Y-%m-%d").to_string(),
            to: self.to.format("%Y-%m-%d").to_string(),
        }
    }

    /// `ml=3&du=2026-01-01&au=2026-11-28`: the page's address and the export links use the
    /// agenda's French keys.
    pub fn query_string(&self) -> String {
        let form = self.to_form();
        format!("ml={}&du={}&au={}", form.mission_locale, form.from, form.to)
    }

    /// « du 1er décembre 2025 au 28 novembre 2026 »
    pub fn period_label(&self) -> String {
        format!("du {} au {}", format_day(self.from), format_day(self.to))
    }
}

/// The first day of the month eleven months before: twelve calendar months with this one.
fn default_from(to: NaiveDate) -> NaiveDate {
    to.with_day(1)
        .and_then(|first| first.checked_sub_months(Months::new(11)))
        .unwrap_or(to)
}

fn parse_day(field: &'static str, what: &str, typed: &str) -> Result<NaiveDate, InvalidInput> {
    NaiveDate::parse_from_str(typed, "%Y-%m-%d")
        .map_err(|_| InvalidInput::new(field, format!("{what} n'est pas une date valide.")))
}

/// The two shapes of the funder's exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// For French Excel: `;`, UTF-8 with a byte order mark.
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// From the file name's extension in the address (`participants.csv`).
    pub fn parse(extension: &str) -> Option<ExportFormat> {
        match extension {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv; charset=utf-8",
            ExportFormat::Xlsx => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// A session held, as the figures need it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFact {
    pub session_id: SessionId,
    pub theme: Theme,
    /// The day it started, in Paris.
    pub day: NaiveDate,
    pub minutes: i64,
    pub capacity: u32,
    pub sheet_closed: bool,
}

/// A youth registered at a session held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlaceFact {
    pub session_id: SessionId,
    pub youth_id: PersonId,
}

/// A confirmed line of an attendance sheet: one half-day of a session for one youth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineFact {
    pub session_id: SessionId,
    pub youth_id: PersonId,
    pub status: AttendanceStatus,
    /// The minutes of its half-day (the whole session when it has only one).
    pub minutes: i64,
}

/// A participant in the programme during the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParticipantFact {
    pub youth_id: PersonId,
    pub gender: Gender,
    /// A phone number or an email address is on file.
    pub reachable: bool,
    /// How the programme ended, when it ended within the period.
    pub exit_outcome: Option<ExitOutcome>,
    /// Their referent's Mission Locale.
    pub mission_locale_id: Option<MissionLocaleId>,
}

/// Everything the dashboard counts, for one scope and period.
#[derive(Clone, Debug, Default)]
pub struct FiguresFacts {
    pub sessions: Vec<SessionFact>,
    pub places: Vec<PlaceFact>,
    pub lines: Vec<LineFact>,
    /// The gender of every youth on a line.
    pub genders: HashMap<PersonId, Gender>,
    pub participants: Vec<ParticipantFact>,
}

/// One row of the dashboard: the whole period, a theme or a month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FigureRow {
    pub label: String,
    pub sessions_held: u32,
    pub places_offered: u32,
    pub places_taken: u32,
    /// Places taken whose youth came (present or late).
    pub registered_attended: u32,
    /// Youths who came without a place.
    pub walk_ins: u32,
    /// Attendances (walk-ins included) in the order of `Gender::ALL`.
    pub attendances_by_gender: [u32; 3],
    pub attended_minutes: i64,
    /// Distinct youths who came at least once.
    pub youths_attending: u32,
}

impl FigureRow {
    pub fn attendances(&self) -> u32 {
        self.registered_attended + self.walk_ins
    }

    /// Places taken whose youth came, in percent; none when no place was taken.
    pub fn attendance_rate(&self) -> Option<f64> {
        percent(self.registered_attended, self.places_taken)
    }

    pub fn hours_per_youth(&self) -> Option<f64> {
        (self.youths_attending > 0)
            .then(|| self.attended_minutes as f64 / 60.0 / self.youths_attending as f64)
    }
}

/// Attendance of one gender over the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GenderRow {
    pub label: String,
    pub youths_attending: u32,
    pub attendances: u32,
    pub attended_minutes: i64,
    pub participants: u32,
}

impl GenderRow {
    pub fn hours_per_youth(&self) -> Option<f64> {
        (self.youths_attending > 0)
            .then(|| self.attended_minutes as f64 / 60.0 / self.youths_attending as f64)
    }
}

/// How close the share of participants without phone nor email is to the funder's threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Contactability {
    Fine,
    /// Past the warning share, still under the threshold.
    Warning,
    OverThreshold,
}

impl Contactability {
    pub fn of(unreachable_percent: Option<f64>) -> Contactability {
        match unreachable_percent {
            Some(share) if share > CONTACTABILITY_THRESHOLD_PERCENT => {
                Contactability::OverThreshold
            }
            Some(share) if share >= CONTACTABILITY_WARNING_PERCENT => Contactability::Warning,
            _ => Contactability::Fine,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Contactability::Fine => {
                "Sous le seuil d'alerte de 25 % (le financeur pénalise au-delà de 35 %)."
            }
            Contactability::Warning => {
                "Attention : plus de 25 % des participants n'ont ni téléphone ni courriel. Au-delà de 35 %, le financeur applique une pénalité. Complétez les dossiers."
            }
            Contactability::OverThreshold => {
                "Seuil dépassé : plus de 35 % des participants n'ont ni téléphone ni courriel. Le financeur applique une pénalité : complétez les dossiers au plus vite."
            }
        }
    }
}

/// The participants of the period, as the funder counts them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParticipantFigures {
    pub participants: u32,
    /// Neither phone nor email on file.
    pub unreachable: u32,
    /// Programmes ended within the period.
    pub exited: u32,
    /// Ended into a job, a training or back to education.
    pub positive_exits: u32,
}

impl ParticipantFigures {
    pub fn of(participants: &[ParticipantFact]) -> ParticipantFigures {
        ParticipantFigures::of_counts(count_participants(participants).iter())
    }

    /// From participants counted per group.
    pub fn of_counts<'a>(
        groups: impl IntoIterator<Item = (&'a ParticipantGroup, &'a u32)>,
    ) -> ParticipantFigures {
        let mut figures = ParticipantFigures::default();
        for (group, count) in groups {
            figures.participants += count;
            if !group.reachable {
                figures.unreachable += count;
            }
            if let Some(outcome) = group.exit_outcome {
                figures.exited += count;
                if outcome.is_positive() {
                    figures.positive_exits += count;
                }
            }
        }
        figures
    }

    pub fn unreachable_percent(&self) -> Option<f64> {
        percent(self.unreachable, self.participants)
    }

    pub fn contactability(&self) -> Contactability {
        Contactability::of(self.unreachable_percent())
    }

    pub fn positive_percent(&self) -> Option<f64> {
        percent(self.positive_exits, self.exited)
    }

    /// Where the positive exits stand against the programme's target.
    pub fn exit_target(&self) -> ExitTarget {
        match self.positive_percent() {
            None => ExitTarget::NoExit,
            Some(share) if share >= POSITIVE_EXIT_TARGET_PERCENT => ExitTarget::Met,
            Some(_) => ExitTarget::Below,
        }
    }
}

/// The programme's target: 70 % of the youths who leave it leave into a job, a training or
/// back to education.
pub const POSITIVE_EXIT_TARGET_PERCENT: f64 = 70.0;

/// Positive exits against [`POSITIVE_EXIT_TARGET_PERCENT`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExitTarget {
    Met,
    Below,
    /// Nobody left the programme in the period: nothing to measure yet.
    NoExit,
}

impl ExitTarget {
    pub fn code(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Below => "below",
            Self::NoExit => "no-exit",
        }
    }

    /// « Objectif de 70 % atteint », in a sentence people read next to the share.
    pub fn label(self) -> &'static str {
        match self {
            Self::Met => "objectif de 70 % atteint",
            Self::Below => "en dessous de l'objectif de 70 %",
            Self::NoExit => "aucune sortie sur la période",
        }
    }
}

/// One Mission Locale's exits over the period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExitRow {
    pub mission_locale: String,
    pub participants: ParticipantFigures,
}

/// The exits of each Mission Locale named in `names`, in the order of `names` (every one,
/// even without participants, so that a Mission Locale far from the target is not missed).
pub fn exits_by_mission_locale(
    participants: &ParticipantCounts,
    names: &[(MissionLocaleId, String)],
) -> Vec<ExitRow> {
    names
        .iter()
        .map(|(id, name)| ExitRow {
            mission_locale: name.clone(),
            participants: ParticipantFigures::of_counts(
                participants
                    .iter()
                    .filter(|(group, _)| group.mission_locale_id == Some(*id)),
            ),
        })
        .collect()
}

/// The dashboard of a Mission Locale or of the federation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// « Fédération (10 Missions Locales) » or the Mission Locale's name.
    pub scope: String,
    pub query: FiguresQuery,
    pub total: FigureRow,
    /// Themes with at least one session held, in the catalogue's order.
    pub by_theme: Vec<FigureRow>,
    /// Months with at least one session held, oldest first.
    pub by_month: Vec<FigureRow>,
    /// Every gender, in the order of `Gender::ALL`.
    pub by_gender: Vec<GenderRow>,
    /// Sessions held whose sheet is still open: their attendance may still change.
    pub sheets_not_closed: u32,
    pub participants: ParticipantFigures,
    /// The Mission Locales the reader may choose between (id, name); empty for a counsellor.
    pub choices: Vec<(MissionLocaleId, String)>,
    /// SMS sent in the period, per Mission Locale and month: what the operator will bill.
    pub sms_costs: Vec<SmsCostRow>,
    /// Exits against the target, per Mission Locale of the scope (one row for one).
    pub exits_by_mission_locale: Vec<ExitRow>,
    /// Individual contacts by kind, then their total.
    pub individual_contacts: Vec<ContactRow>,
}

/// One individual contact held in the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContactFact {
    pub youth_id: PersonId,
    pub kind: ContactKind,
    pub minutes: u32,
}

/// Individual contacts of one kind, or of all (`kind` none: the total).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactRow {
    pub kind: Option<ContactKind>,
    pub contacts: u32,
    /// Distinct youths met this way.
    pub youths: u32,
    /// « 12 h 30 ».
    pub duration: String,
}

impl ContactRow {
    pub fn label(&self) -> &'static str {
        self.kind.map_or("Total", ContactKind::label)
    }
}

/// One row per kind (every kind, in `ContactKind::ALL`'s order), then the total.
pub fn contacts_by_kind(facts: &[ContactFact]) -> Vec<ContactRow> {
    let row = |kind: Option<ContactKind>| {
        let theirs: Vec<&ContactFact> = facts
            .iter()
            .filter(|fact| kind.is_none_or(|kind| fact.kind == kind))
            .collect();
        ContactRow {
            kind,
            contacts: theirs.len() as u32,
            youths: theirs
                .iter()
                .map(|fact| fact.youth_id)
                .collect::<HashSet<_>>()
                .len() as u32,
            duration: format_duration(theirs.iter().map(|fact| fact.minutes).sum()),
        }
    };
    ContactKind::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(row)
        .collect()
}

/// One Mission Locale's SMS of one month.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmsCostRow {
    pub mission_locale: String,
    /// « novembre 2026 ».
    pub month: String,
    pub sms: u32,
    /// What is billed: a long SMS costs one per segment.
    pub segments: u32,
}

/// One SMS sent: who pays, when, how many segments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmsFact {
    pub mission_locale: String,
    pub sent_on: NaiveDate,
    pub segments: u32,
}

/// SMS and segments per Mission Locale and month, months oldest first, Mission Locales by name.
pub fn sms_costs(facts: &[SmsFact]) -> Vec<SmsCostRow> {
    // (year, month) then Mission Locale → (SMS, segments).
    type MonthAndPayer<'a> = ((i32, u32), &'a str);
    let mut grouped: BTreeMap<MonthAndPayer, (u32, u32)> = BTreeMap::new();
    for fact in facts {
        let month = (fact.sent_on.year(), fact.sent_on.month());
        let counts = grouped
            .entry((month, fact.mission_locale.as_str()))
            .or_default();
        counts.0 += 1;
        counts.1 += fact.segments;
    }
    grouped
        .into_iter()
        .map(
            |(((year, month), mission_locale), (sms, segments))| SmsCostRow {
                mission_locale: mission_locale.to_owned(),
                month: format_month(NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()),
                sms,
                segments,
            },
        )
        .collect()
}

/// A calendar month: (year, month).
pub type Month = (i32, u32);

/// Sessions held of one theme in one month, with their places.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SessionCount {
    pub sessions: u32,
    pub capacity: u32,
    /// Sheets still open.
    pub sheets_not_closed: u32,
    /// Youths registered at the end.
    pub places_taken: u32,
}

/// Which attendances a count groups: a youth who came to a session held (their half-days
/// together), by the session's theme and month, the youth's gender and whether they had a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AttendanceGroup {
    pub theme: Theme,
    pub month: Month,
    pub gender: Gender,
    pub registered: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttendanceCount {
    pub attendances: u32,
    pub minutes: i64,
}

/// Distinct youths who came at least once, per row of the dashboard: these do not add up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YouthsAttending {
    pub total: u32,
    pub by_theme: HashMap<Theme, u32>,
    pub by_month: HashMap<Month, u32>,
    pub by_gender: HashMap<Gender, u32>,
}

/// Which participants a count groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParticipantGroup {
    pub mission_locale_id: Option<MissionLocaleId>,
    pub gender: Gender,
    pub reachable: bool,
    pub exit_outcome: Option<ExitOutcome>,
}

/// The participants, counted per group.
pub type ParticipantCounts = HashMap<ParticipantGroup, u32>;

/// Everything the dashboard shows, counted but not yet arranged in rows: what the database
/// counts at national scale (`services::figures::count_dashboard`), and what [`count_facts`]
/// counts from the facts by the definitions above. Both must agree.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DashboardCounts {
    pub sessions: HashMap<(Theme, Month), SessionCount>,
    pub attendances: HashMap<AttendanceGroup, AttendanceCount>,
    pub youths_attending: YouthsAttending,
    pub participants: ParticipantCounts,
}

/// The month of a day.
pub fn month_of(day: NaiveDate) -> Month {
    (day.year(), day.month())
}

/// The participants counted per group.
pub fn count_participants(participants: &[ParticipantFact]) -> ParticipantCounts {
    let mut counts = ParticipantCounts::new();
    for participant in participants {
        *counts
            .entry(ParticipantGroup {
                mission_locale_id: participant.mission_locale_id,
                gender: participant.gender,
                reachable: participant.reachable,
                exit_outcome: participant.exit_outcome,
            })
            .or_default() += 1;
    }
    counts
}

/// Counts the facts of one scope and period by the module's definitions. A youth on a line
/// whose gender is not among the facts counts as undisclosed.
pub fn count_facts(facts: &FiguresFacts) -> DashboardCounts {
    let sessions: HashMap<SessionId, &SessionFact> = facts
        .sessions
        .iter()
        .map(|session| (session.session_id, session))
        .collect();
    let mut counts = DashboardCounts {
        participants: count_participants(&facts.participants),
        ..DashboardCounts::default()
    };
    for session in &facts.sessions {
        let count = counts
            .sessions
            .entry((session.theme, month_of(session.day)))
            .or_default();
        count.sessions += 1;
        count.capacity += session.capacity;
        count.sheets_not_closed += u32::from(!session.sheet_closed);
    }
    let mut registered = HashSet::new();
    for place in &facts.places {
        if let Some(session) = sessions.get(&place.session_id) {
            registered.insert((place.session_id, place.youth_id));
            if let Some(count) = counts
                .sessions
                .get_mut(&(session.theme, month_of(session.day)))
            {
                count.places_taken += 1;
            }
        }
    }
    // Who came to each session, and for how many minutes: a full day's two half-days are one
    // attendance, counted for the half-days they were there.
    let mut attended: HashMap<(SessionId, PersonId), i64> = HashMap::new();
    for line in facts
        .lines
        .iter()
        .filter(|line| line.status.attended() && sessions.contains_key(&line.session_id))
    {
        *attended
            .entry((line.session_id, line.youth_id))
            .or_default() += line.minutes;
    }
    let mut youths: HashSet<PersonId> = HashSet::new();
    let mut by_theme: HashSet<(Theme, PersonId)> = HashSet::new();
    let mut by_month: HashSet<(Month, PersonId)> = HashSet::new();
    let mut by_gender: HashSet<(Gender, PersonId)> = HashSet::new();
    for ((session_id, youth_id), minutes) in attended {
        let Some(session) = sessions.get(&session_id) else {
            continue;
        };
        let group = AttendanceGroup {
            theme: session.theme,
            month: month_of(session.day),
            gender: facts
                .genders
                .get(&youth_id)
                .copied()
                .unwrap_or(Gender::Undisclosed),
            registered: registered.contains(&(session_id, youth_id)),
        };
        let count = counts.attendances.entry(group).or_default();
        count.attendances += 1;
        count.minutes += minutes;
        youths.insert(youth_id);
        by_theme.insert((group.theme, youth_id));
        by_month.insert((group.month, youth_id));
        by_gender.insert((group.gender, youth_id));
    }
    let attending = &mut counts.youths_attending;
    attending.total = youths.len() as u32;
    for (theme, _) in by_theme {
        *attending.by_theme.entry(theme).or_default() += 1;
    }
    for (month, _) in by_month {
        *attending.by_month.entry(month).or_default() += 1;
    }
    for (gender, _) in by_gender {
        *attending.by_gender.entry(gender).or_default() += 1;
    }
    counts
}

/// The figures, computed from the facts of one scope and period.
pub struct DashboardFigures {
    pub total: FigureRow,
    pub by_theme: Vec<FigureRow>,
    pub by_month: Vec<FigureRow>,
    pub by_gender: Vec<GenderRow>,
    pub sheets_not_closed: u32,
    pub participants: ParticipantFigures,
}

pub fn compute_dashboard(facts: &FiguresFacts) -> DashboardFigures {
    arrange_dashboard(&count_facts(facts))
}

/// The dashboard's rows from its counts: the whole period, each theme with a session held (in
/// the catalogue's order), each month with one (oldest first), each gender.
pub fn arrange_dashboard(counts: &DashboardCounts) -> DashboardFigures {
    let attending = &counts.youths_attending;
    let total = figure_row("Total".to_owned(), counts, attending.total, |_, _| true);
    let by_theme = Theme::ALL
        .into_iter()
        .filter(|theme| counts.sessions.keys().any(|(held, _)| held == theme))
        .map(|theme| {
            figure_row(
                theme.label().to_owned(),
                counts,
                attending.by_theme.get(&theme).copied().unwrap_or_default(),
                |held, _| held == theme,
            )
        })
        .collect();
    let months: BTreeSet<Month> = counts.sessions.keys().map(|(_, month)| *month).collect();
    let by_month = months
        .into_iter()
        .map(|month| {
            figure_row(
                format_month(NaiveDate::from_ymd_opt(month.0, month.1, 1).unwrap_or_default()),
                counts,
                attending.by_month.get(&month).copied().unwrap_or_default(),
                |_, held| held == month,
            )
        })
        .collect();
    let by_gender = Gender::ALL
        .into_iter()
        .map(|gender| {
            let mut row = GenderRow {
                label: gender.label().to_owned(),
                youths_attending: attending
                    .by_gender
                    .get(&gender)
                    .copied()
                    .unwrap_or_default(),
                ..GenderRow::default()
            };
            for (group, count) in &counts.attendances {
                if group.gender == gender {
                    row.attendances += count.attendances;
                    row.attended_minutes += count.minutes;
                }
            }
            row.participants = counts
                .participants
                .iter()
                .filter(|(group, _)| group.gender == gender)
                .map(|(_, count)| count)
                .sum();
            row
        })
        .collect();
    DashboardFigures {
        total,
        by_theme,
        by_month,
        by_gender,
        sheets_not_closed: counts
            .sessions
            .values()
            .map(|count| count.sheets_not_closed)
            .sum(),
        participants: ParticipantFigures::of_counts(counts.participants.iter()),
    }
}

fn figure_row(
    label: String,
    counts: &DashboardCounts,
    youths_attending: u32,
    includes: impl Fn(Theme, Month) -> bool,
) -> FigureRow {
    let mut row = FigureRow {
        label,
        youths_attending,
        ..FigureRow::default()
    };
    for (_, count) in counts
        .sessions
        .iter()
        .filter(|((theme, month), _)| includes(*theme, *month))
    {
        row.sessions_held += count.sessions;
        row.places_offered += count.capacity;
        row.places_taken += count.places_taken;
    }
    for (group, count) in counts
        .attendances
        .iter()
        .filter(|(group, _)| includes(group.theme, group.month))
    {
        if group.registered {
            row.registered_attended += count.attendances;
        } else {
            row.walk_ins += count.attendances;
        }
        row.attended_minutes += count.minutes;
        let index = Gender::ALL
            .iter()
            .position(|candidate| *candidate == group.gender)
            .unwrap_or(2);
        row.attendances_by_gender[index] += count.attendances;
    }
    row
}

fn percent(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// « 72 % », « — » when there is nothing to divide; French decimal comma.
pub fn format_percent(share: Option<f64>) -> String {
    match share {
        Some(share) => format!("{} %", french_decimal(share, 0)),
        None => "—".to_owned(),
    }
}

/// « 12,5 h »
pub fn format_hours(hours: Option<f64>) -> String {
    match hours {
        Some(hours) => format!("{} h", french_decimal(hours, 1)),
        None => "—".to_owned(),
    }
}

/// Hours of workshop time as a decimal number, written the French way (« 1,5 »): the CSV
/// exports use it so French Excel reads a number.
pub fn french_decimal(value: f64, decimals: usize) -> String {
    // Half away from zero, as people round (`format!` alone rounds half to even).
    let scale = 10f64.powi(decimals as i32);
    let value = (value * scale).round() / scale;
    let text = format!("{value:.decimals$}");
    let text = if decimals > 0 {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    text.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sms_are_counted_per_mission_locale_and_month_in_segments() {
        let day = |month, day| NaiveDate::from_ymd_opt(2026, month, day).unwrap();
        let fact = |ml: &str, sent_on, segments| SmsFact {
            mission_locale: ml.to_owned(),
            sent_on,
            segments,
        };
        let rows = sms_costs(&[
            fact("Bondy", day(11, 3), 1),
            fact("Aubervilliers", day(11, 30), 2),
            fact("Bondy", day(11, 28), 2),
            fact("Bondy", day(10, 31), 1),
        ]);
        let summary: Vec<(&str, &str, u32, u32)> = rows
            .iter()
            .map(|row| {
                (
                    row.month.as_str(),
                    row.mission_locale.as_str(),
                    row.sms,
                    row.segments,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("octobre 2026", "Bondy", 1, 1),
                ("novembre 2026", "Aubervilliers", 1, 2),
                ("novembre 2026", "Bondy", 2, 3),
            ]
        );
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn form(mission_locale: &str, from: &str, to: &str) -> FiguresForm {
        FiguresForm {
            mission_locale: mission_locale.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
        }
    }

    #[test]
    fn the_default_period_is_the_last_twelve_months() {
        let query = FiguresQuery::parse(&FiguresForm::default(), day("2026-11-28")).unwrap();
        assert_eq!(query.mission_locale_id, None);
        assert_eq!(query.from, day("2025-12-01"));
        assert_eq!(query.to, day("2026-11-28"));
        assert_eq!(
            query.period_label(),
            "du 1er décembre 2025 au 28 novembre 2026"
        );
        assert_eq!(
            FiguresQuery::parse(&query.to_form(), day("2030-01-01")).unwrap(),
            query
        );
    }

    #[test]
    fn bad_periods_are_refused_in_french() {
        let today = day("2026-11-28");
        for (bad, field, message) in [
            (
                form("x", "", ""),
                "mission_locale",
                "Choisissez une Mission Locale dans la liste.",
            ),
            (
                form("", "2026-13-01", ""),
                "from",
                "La date de début n'est pas une date valide.",
            ),
            (
                form("", "", "demain"),
                "to",
                "La date de fin n'est pas une date valide.",
            ),
            (
                form("", "2026-06-01", "2026-05-01"),
                "from",
                "La date de début doit précéder la date de fin.",
            ),
            (
                form("", "2020-01-01", "2026-05-01"),
                "from",
                "Choisissez une période de trois ans au plus.",
            ),
        ] {
            let refusal = FiguresQuery::parse(&bad, today).unwrap_err();
            assert_eq!(
                (refusal.field.as_str(), refusal.message.as_str()),
                (field, message)
            );
        }
        assert_eq!(
            FiguresQuery::parse(&form("3", "2026-01-01", "2026-01-31"), today)
                .unwrap()
                .mission_locale_id,
            Some(MissionLocaleId::from(3))
        );
    }

    fn session(
        session_id: i32,
        theme: Theme,
        on: &str,
        minutes: i64,
        capacity: u32,
    ) -> SessionFact {
        SessionFact {
            session_id: SessionId::from(session_id),
            theme,
            day: day(on),
            minutes,
            capacity,
            sheet_closed: true,
        }
    }

    /// A line of one of the sessions below, for its whole length.
    fn line(session_id: i32, youth_id: i32, status: AttendanceStatus) -> LineFact {
        let minutes = match session_id {
            2 => 90,
            3 => 180,
            _ => 120,
        };
        half_day_line(session_id, youth_id, status, minutes)
    }

    fn half_day_line(
        session_id: i32,
        youth_id: i32,
        status: AttendanceStatus,
        minutes: i64,
    ) -> LineFact {
        LineFact {
            session_id: SessionId::from(session_id),
            youth_id: PersonId::from(youth_id),
            status,
            minutes,
        }
    }

    #[test]
    fn a_full_day_counts_once_per_youth_for_the_half_days_they_attended() {
        // 9 h – 17 h: a morning of 240 minutes, an afternoon of 210.
        let sessions = vec![session(1, Theme::Cv, "2026-03-10", 450, 10)];
        let places = [100, 101]
            .map(|youth_id| PlaceFact {
                session_id: SessionId::from(1),
                youth_id: PersonId::from(youth_id),
            })
            .to_vec();
        let lines = vec![
            half_day_line(1, 100, AttendanceStatus::Present, 240),
            half_day_line(1, 100, AttendanceStatus::Present, 210),
            // Present in the morning only.
            half_day_line(1, 101, AttendanceStatus::Present, 240),
            half_day_line(1, 101, AttendanceStatus::Absent, 210),
        ];
        let figures = compute_dashboard(&FiguresFacts {
            sessions,
            places,
            lines,
            genders: HashMap::new(),
            participants: Vec::new(),
        });
        let total = &figures.total;
        assert_eq!((total.registered_attended, total.youths_attending), (2, 2));
        assert_eq!(total.attended_minutes, 450 + 240);
    }

    #[test]
    fn rates_hours_and_genders_follow_the_definitions() {
        let mut sessions = vec![
            session(1, Theme::Cv, "2026-03-10", 120, 10),
            session(2, Theme::Cv, "2026-04-02", 90, 8),
            session(3, Theme::MediaLiteracy, "2026-04-20", 180, 12),
        ];
        sessions[2].sheet_closed = false;
        let places = [(1, 100), (1, 101), (1, 102), (2, 100), (3, 101), (3, 103)]
            .map(|(session_id, youth_id)| PlaceFact {
                session_id: SessionId::from(session_id),
                youth_id: PersonId::from(youth_id),
            })
            .to_vec();
        let lines = vec![
            line(1, 100, AttendanceStatus::Present),
            line(1, 101, AttendanceStatus::Late),
            line(1, 102, AttendanceStatus::Absent),
            line(2, 100, AttendanceStatus::Excused),
            line(3, 101, AttendanceStatus::Present),
            line(3, 103, AttendanceStatus::Present),
            // A walk-in.
            line(3, 104, AttendanceStatus::Present),
        ];
        let genders = HashMap::from([
            (PersonId::from(100), Gender::Female),
            (PersonId::from(101), Gender::Male),
            (PersonId::from(102), Gender::Female),
            (PersonId::from(103), Gender::Female),
            (PersonId::from(104), Gender::Undisclosed),
        ]);
        let participants = vec![
            ParticipantFact {
                youth_id: PersonId::from(100),
                gender: Gender::Female,
                reachable: true,
                exit_outcome: Some(ExitOutcome::Employment),
                mission_locale_id: Some(MissionLocaleId::from(1)),
            },
            ParticipantFact {
                youth_id: PersonId::from(101),
                gender: Gender::Male,
                reachable: false,
                exit_outcome: Some(ExitOutcome::Dropout),
                mission_locale_id: Some(MissionLocaleId::from(2)),
            },
            ParticipantFact {
                youth_id: PersonId::from(102),
                gender: Gender::Female,
                reachable: true,
                exit_outcome: None,
                mission_locale_id: Some(MissionLocaleId::from(1)),
            },
        ];
        let exits = exits_by_mission_locale(
            &count_participants(&participants),
            &[
                (MissionLocaleId::from(1), "Bondy".to_owned()),
                (MissionLocaleId::from(2), "Montreuil".to_owned()),
                (MissionLocaleId::from(3), "Pantin".to_owned()),
            ],
        );
        let targets: Vec<(&str, u32, u32, ExitTarget)> = exits
            .iter()
            .map(|row| {
                (
                    row.mission_locale.as_str(),
                    row.participants.exited,
                    row.participants.positive_exits,
                    row.participants.exit_target(),
                )
            })
            .collect();
        assert_eq!(
            targets,
            [
                ("Bondy", 1, 1, ExitTarget::Met),
                ("Montreuil", 1, 0, ExitTarget::Below),
                ("Pantin", 0, 0, ExitTarget::NoExit),
            ]
        );
        let figures = compute_dashboard(&FiguresFacts {
            sessions,
            places,
            lines,
            genders,
            participants,
        });
        let total = &figures.total;
        assert_eq!(
            (
                total.sessions_held,
                total.places_offered,
                total.places_taken,
                total.registered_attended,
                total.walk_ins,
                total.youths_attending
            ),
            (3, 30, 6, 4, 1, 4)
        );
        assert_eq!(format_percent(total.attendance_rate()), "67 %");
        // 120 + 120 + 180 × 3 = 780 minutes for 4 youths.
        assert_eq!(total.attended_minutes, 780);
        assert_eq!(format_hours(total.hours_per_youth()), "3,3 h");
        assert_eq!(total.attendances_by_gender, [2, 2, 1]);
        assert_eq!(
            figures
                .by_theme
                .iter()
                .map(|row| (row.label.as_str(), row.sessions_held, row.attendances()))
                .collect::<Vec<_>>(),
            [("CV", 2, 2), ("Éducation aux médias", 1, 3)]
        );
        assert_eq!(
            figures
                .by_month
                .iter()
                .map(|row| (row.label.as_str(), row.places_taken))
                .collect::<Vec<_>>(),
            [("mars 2026", 3), ("avril 2026", 3)]
        );
        assert_eq!(figures.sheets_not_closed, 1);
        let women = &figures.by_gender[0];
        assert_eq!(
            (
                women.youths_attending,
                women.attendances,
                women.participants
            ),
            (2, 2, 2)
        );
        assert_eq!(
            figures.participants,
            ParticipantFigures {
                participants: 3,
                unreachable: 1,
                exited: 2,
                positive_exits: 1
            }
        );
        assert_eq!(
            format_percent(figures.participants.unreachable_percent()),
            "33 %"
        );
        assert_eq!(
            figures.participants.contactability(),
            Contactability::Warning
        );
    }

    #[test]
    fn contactability_warns_well_before_the_threshold() {
        assert_eq!(Contactability::of(None), Contactability::Fine);
        assert_eq!(Contactability::of(Some(24.9)), Contactability::Fine);
        assert_eq!(Contactability::of(Some(25.0)), Contactability::Warning);
        assert_eq!(Contactability::of(Some(35.0)), Contactability::Warning);
        assert_eq!(
            Contactability::of(Some(35.1)),
            Contactability::OverThreshold
        );
    }

    #[test]
    fn numbers_are_written_the_french_way() {
        assert_eq!(french_decimal(1.5, 2), "1,5");
        assert_eq!(french_decimal(2.0, 2), "2");
        assert_eq!(french_decimal(66.666, 0), "67");
        assert_eq!(format_hours(None), "—");
    }
    #[test]
    fn individual_contacts_are_counted_by_kind_with_their_youths_and_time() {
        let fact = |youth: i32, kind: ContactKind, minutes: u32| ContactFact {
            youth_id: PersonId::new(youth),
            kind,
            minutes,
        };
        let rows = contacts_by_kind(&[
            fact(1, ContactKind::Phone, 20),
            fact(1, ContactKind::Phone, 10),
            fact(2, ContactKind::Phone, 15),
            fact(2, ContactKind::InPerson, 60),
        ]);
        let shown: Vec<(&str, u32, u32, &str)> = rows
            .iter()
            .map(|row| (row.label(), row.contacts, row.youths, row.duration.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Entretien en personne", 1, 1, "1 h"),
                ("Appel téléphonique", 3, 2, "45 min"),
                ("Visioconférence", 0, 0, "0 min"),
                ("Message écrit", 0, 0, "0 min"),
                ("Total", 4, 2, "1 h 45"),
            ]
        );
    }
}
