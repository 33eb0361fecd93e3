//! A youth's path in the programme (issue 7): the workshop sessions they attended, month by
//! month, against the programme's target of one to two contacts a month, and how long it has
//! been since the last one (past a number of weeks the referent is alerted, see
//! `services/notifications/send_no_contact_alerts.rs`).
//!
//! - The programme runs from the entry date to the exit date, or, without an exit, for twelve
//!   months from entry (its last day is the day before the anniversary: [`programme_last_day`]).
//! - A *contact* is an attended workshop session — a confirmed attendance line, present or late
//!   (`AttendanceStatus::attended`), dated by the session's start in Paris — or an individual
//!   contact the counsellor recorded (interview, call, video, message: `individual_contact`).
//! - The target is one to two contacts a calendar month ([`CONTACTS_TARGET_MIN`],
//!   [`CONTACTS_TARGET_MAX`]). Each calendar month from the entry gets its count and a verdict
//!   (« Aucun contact », « Objectif atteint », « Au-delà »), with totals and the weeks since the
//!   last contact.
//! - The path is shown as « Parcours » on the youth's file (`/jeunes/:id`) to whoever may read
//!   the file, read by `services::view_youth` through `youth_contacts`.

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{IndividualContact, PathContact, Theme, format_day, format_duration, format_month};

/// The programme asks for at least one contact a month…
pub const CONTACTS_TARGET_MIN: u32 = 1;
/// …and plans for two at most.
pub const CONTACTS_TARGET_MAX: u32 = 2;

/// The last day of the programme: the recorded exit, or the day before the twelve-month
/// anniversary of the entry.
pub fn programme_last_day(entry: NaiveDate, exit: Option<NaiveDate>) -> NaiveDate {
    exit.unwrap_or_else(|| {
        entry.checked_add_months(Months::new(12)).unwrap_or(entry) - Duration::days(1)
    })
}

/// Where the current gap without contact starts: the last contact on or after the entry, or the
/// entry itself (a session attended before entering the programme does not count).
pub fn no_contact_since(entry: NaiveDate, last_contact: Option<NaiveDate>) -> NaiveDate {
    last_contact.filter(|day| *day >= entry).unwrap_or(entry)
}

/// Whole weeks from `from` to `to` (zero when `to` is not after `from`).
pub fn whole_weeks(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days().max(0) / 7).unwrap_or(u32::MAX)
}

/// Whether the referent should hear that a youth has had no contact for `weeks` weeks on `today`:
/// only while the youth is in the programme, and never when `weeks` is zero (alerts turned off).
/// Returns where the gap starts (the last contact, or the entry): one alert per gap, so a new
/// contact starts a new gap that may alert again.
pub fn no_contact_alert_due(
    entry: NaiveDate,
    exit: Option<NaiveDate>,
    last_contact: Option<NaiveDate>,
    today: NaiveDate,
    weeks: u32,
) -> Option<NaiveDate> {
    let in_programme = entry <= today && today <= programme_last_day(entry, exit);
    let since = no_contact_since(entry, last_contact.filter(|day| *day <= today));
    (weeks > 0 && in_programme && whole_weeks(since, today) >= weeks).then_some(since)
}

/// One workshop session a youth attended, as the services read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendedSession {
    /// The session's start, in Paris.
    pub day: NaiveDate,
    pub title: String,
    pub theme: Theme,
    pub minutes: u32,
}

/// How a month's contacts compare with the target of one to two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactTarget {
    Missing,
    Reached,
    Above,
}

impl ContactTarget {
    pub fn for_contacts(contacts: u32) -> ContactTarget {
        if contacts < CONTACTS_TARGET_MIN {
            ContactTarget::Missing
        } else if contacts <= CONTACTS_TARGET_MAX {
            ContactTarget::Reached
        } else {
            ContactTarget::Above
        }
    }

    /// For `data-target` attributes and styles.
    pub fn code(self) -> &'static str {
        match self {
            ContactTarget::Missing => "missing",
            ContactTarget::Reached => "reached",
            ContactTarget::Above => "above",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ContactTarget::Missing => "Aucun contact",
            ContactTarget::Reached => "Objectif atteint (1 à 2 par mois)",
            ContactTarget::Above => "Au-delà de l'objectif",
        }
    }
}

/// A session on the path, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathSession {
    /// « 12 mars 2026 ».
    pub day: String,
    pub title: String,
    /// The theme's French label.
    pub theme: String,
    /// « 2 h 30 ».
    pub duration: String,
}

/// One calendar month of the programme. The entry month counts from the entry day, and the
/// month under way up to today.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathMonth {
    /// « mars 2026 ».
    pub label: String,
    /// The month under way: its count may still grow.
    pub current: bool,
    /// Oldest first.
    pub sessions: Vec<PathSession>,
    /// Individual contacts, oldest first.
    pub individual_contacts: Vec<PathContact>,
    /// Sessions and individual contacts.
    pub contacts: u32,
    pub target: ContactTarget,
}

/// A youth's path from their entry to today (or to the end of the programme).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YouthPath {
    /// « 2 mars 2026 ».
    pub entry: String,
    /// The exit, or the end of the twelve months (see [`programme_last_day`]).
    pub last_day: String,
    /// Today is before the entry: nothing to show yet.
    pub not_started: bool,
    /// The programme is over: the months stop at its last day.
    pub ended: bool,
    /// Oldest first, one per calendar month from the entry's to today's (or the last day's).
    pub months: Vec<PathMonth>,
    pub sessions_attended: u32,
    pub individual_contacts: u32,
    pub minutes_attended: u32,
    /// « 7 h 30 ».
    pub hours_attended: String,
    pub months_with_contact: u32,
    pub months_elapsed: u32,
    /// « 12 mars 2026 », the last contact in the programme (session or individual).
    pub last_contact: Option<String>,
    /// Whole weeks since the last contact, or since the entry when there was none, up to today
    /// (or to the last day of a programme that is over).
    pub weeks_without_contact: u32,
}

/// The path of a youth who entered the programme on `entry` (and left it on `exit`, if they did),
/// seen on `today`, from the sessions they attended and their individual contacts. Those outside
/// the programme (before the entry, after the last day) or after today are left out.
pub fn youth_path(
    entry: NaiveDate,
    exit: Option<NaiveDate>,
    today: NaiveDate,
    mut sessions: Vec<AttendedSession>,
    mut contacts: Vec<IndividualContact>,
) -> YouthPath {
    let last_day = programme_last_day(entry, exit);
    let until = today.min(last_day);
    sessions.retain(|session| entry <= session.day && session.day <= until);
    sessions.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| a.title.cmp(&b.title)));
    contacts.retain(|contact| entry <= contact.day && contact.day <= until);
    contacts.sort_by_key(|contact| contact.day);

    let mut months = Vec::new();
    let mut month = first_of_month(entry);
    while entry <= until && month <= until {
        let next = month
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX);
        let attended: Vec<PathSession> = sessions
            .iter()
            .filter(|session| month <= session.day && session.day < next)
            .map(|session| PathSession {
                day: format_day(session.day),
                title: session.title.clone(),
                theme: session.theme.label().to_owned(),
                duration: format_duration(session.minutes),
            })
            .collect();
        let individual: Vec<PathContact> = contacts
            .iter()
            .filter(|contact| month <= contact.day && contact.day < next)
            .map(PathContact::of)
            .collect();
        let count = (attended.len() + individual.len()) as u32;
        months.push(PathMonth {
            label: format_month(month),
            current: month <= today && today < next,
            sessions: attended,
            individual_contacts: individual,
            contacts: count,
            target: ContactTarget::for_contacts(count),
        });
        month = next;
    }

    let minutes_attended = sessions.iter().map(|session| session.minutes).sum();
    let last_contact = last_contact_day(&sessions, &contacts, until);
    YouthPath {
        entry: format_day(entry),
        last_day: format_day(last_day),
        not_started: today < entry,
        ended: today > last_day,
        sessions_attended: sessions.len() as u32,
        individual_contacts: contacts.len() as u32,
        minutes_attended,
        hours_attended: format_duration(minutes_attended),
        months_with_contact: months.iter().filter(|month| month.contacts > 0).count() as u32,
        months_elapsed: months.len() as u32,
        months,
        last_contact: last_contact.map(format_day),
        weeks_without_contact: whole_weeks(no_contact_since(entry, last_contact), until),
    }
}

/// The latest contact, session or individual, on or before `until`.
pub fn last_contact_day(
    sessions: &[AttendedSession],
    contacts: &[IndividualContact],
    until: NaiveDate,
) -> Option<NaiveDate> {
    let sessions = sessions.iter().map(|session| session.day);
    let contacts = contacts.iter().map(|contact| contact.day);
    sessions.chain(contacts).filter(|day| *day <= until).max()
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ContactKind;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn attended(on: NaiveDate, title: &str, minutes: u32) -> AttendedSession {
        AttendedSession {
            day: on,
            title: title.to_owned(),
            theme: Theme::Cv,
            minutes,
        }
    }

    #[test]
    fn the_programme_lasts_twelve_months_unless_the_youth_left() {
        assert_eq!(programme_last_day(day(2026, 3, 15), None), day(2027, 3, 14));
        assert_eq!(
            programme_last_day(day(2026, 3, 15), Some(day(2026, 9, 30))),
            day(2026, 9, 30)
        );
        // Twelve months after 29 February is 28 February.
        assert_eq!(programme_last_day(day(2024, 2, 29), None), day(2025, 2, 27));
    }

    #[test]
    fn months_run_from_the_entry_month_to_today_with_a_verdict_each() {
        let sessions = vec![
            attended(day(2026, 3, 20), "Atelier CV", 120),
            attended(day(2026, 5, 4), "Simulation d'entretien", 150),
            attended(day(2026, 5, 18), "Lettre de motivation", 90),
            attended(day(2026, 5, 11), "Confiance en soi", 120),
            attended(day(2026, 6, 2), "Atelier CV", 120),
        ];
        let path = youth_path(
            day(2026, 3, 16),
            None,
            day(2026, 6, 10),
            sessions,
            Vec::new(),
        );
        let labels: Vec<&str> = path.months.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["mars 2026", "avril 2026", "mai 2026", "juin 2026"]);
        let counts: Vec<u32> = path.months.iter().map(|m| m.contacts).collect();
        assert_eq!(counts, [1, 0, 3, 1]);
        let targets: Vec<ContactTarget> = path.months.iter().map(|m| m.target).collect();
        assert_eq!(
            targets,
            [
                ContactTarget::Reached,
                ContactTarget::Missing,
                ContactTarget::Above,
                ContactTarget::Reached
            ]
        );
        assert_eq!(path.months[1].target.label(), "Aucun contact");
        assert!(path.months[3].current && !path.months[2].current);
        // Sessions of a month in date order, written the French way.
        let may: Vec<&str> = path.months[2]
            .sessions
            .iter()
            .map(|s| s.day.as_str())
            .collect();
        assert_eq!(may, ["4 mai 2026", "11 mai 2026", "18 mai 2026"]);
        assert_eq!(path.months[2].sessions[0].duration, "2 h 30");
        assert_eq!(path.months[2].sessions[0].theme, "CV");
        assert_eq!(path.sessions_attended, 5);
        assert_eq!(path.minutes_attended, 600);
        assert_eq!(path.hours_attended, "10 h");
        assert_eq!((path.months_with_contact, path.months_elapsed), (3, 4));
        assert_eq!(path.last_contact.as_deref(), Some("2 juin 2026"));
        assert_eq!(path.weeks_without_contact, 1);
        assert_eq!(path.entry, "16 mars 2026");
        assert_eq!(path.last_day, "15 mars 2027");
        assert!(!path.ended && !path.not_started);
    }

    #[test]
    fn without_contact_the_weeks_count_from_the_entry() {
        let path = youth_path(
            day(2026, 3, 1),
            None,
            day(2026, 4, 12),
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(path.weeks_without_contact, 6);
        assert_eq!(path.last_contact, None);
        assert_eq!((path.months_with_contact, path.months_elapsed), (0, 2));
        assert_eq!(path.hours_attended, "0 min");
    }

    #[test]
    fn sessions_outside_the_programme_are_left_out() {
        let sessions = vec![
            attended(day(2026, 2, 27), "Avant l'entrée", 60),
            attended(day(2026, 3, 2), "Dans le parcours", 60),
            attended(day(2026, 4, 1), "Après la sortie", 60),
        ];
        let path = youth_path(
            day(2026, 3, 1),
            Some(day(2026, 3, 31)),
            day(2026, 5, 20),
            sessions,
            Vec::new(),
        );
        assert!(path.ended);
        assert_eq!(path.months.len(), 1, "the months stop at the exit");
        assert!(!path.months[0].current);
        assert_eq!(path.sessions_attended, 1);
        // Counted to the exit, not to today.
        assert_eq!(path.weeks_without_contact, 4);
    }

    #[test]
    fn individual_contacts_count_in_their_month_and_end_the_gap() {
        let contact = |on: NaiveDate, kind: ContactKind| IndividualContact {
            day: on,
            kind,
            minutes: 20,
            subject: "Point sur la recherche de stage".into(),
            recorded_by: "Ingrid Martin".into(),
        };
        let path = youth_path(
            day(2026, 3, 2),
            None,
            day(2026, 5, 12),
            vec![attended(day(2026, 3, 20), "Atelier CV", 120)],
            vec![
                contact(day(2026, 4, 8), ContactKind::Phone),
                contact(day(2026, 3, 5), ContactKind::InPerson),
                // Tomorrow's, typed ahead, is not counted yet.
                contact(day(2026, 5, 13), ContactKind::Video),
            ],
        );
        let counts: Vec<u32> = path.months.iter().map(|m| m.contacts).collect();
        assert_eq!(counts, [2, 1, 0]);
        assert_eq!(path.months[1].target, ContactTarget::Reached);
        assert_eq!(
            path.months[1].individual_contacts[0].kind,
            ContactKind::Phone
        );
        assert_eq!(path.months[1].individual_contacts[0].duration, "20 min");
        assert!(path.months[1].sessions.is_empty());
        assert_eq!((path.sessions_attended, path.individual_contacts), (1, 2));
        // Hours are the workshops' (the funder's figure); the call ends the gap.
        assert_eq!(path.hours_attended, "2 h");
        assert_eq!(path.last_contact.as_deref(), Some("8 avril 2026"));
        assert_eq!(path.weeks_without_contact, 4);
    }

    #[test]
    fn before_the_entry_there_is_nothing_yet() {
        let path = youth_path(
            day(2026, 9, 1),
            None,
            day(2026, 8, 20),
            Vec::new(),
            Vec::new(),
        );
        assert!(path.not_started);
        assert!(path.months.is_empty());
        assert_eq!(path.weeks_without_contact, 0);
    }

    #[test]
    fn a_year_long_programme_shows_thirteen_calendar_months_when_entered_mid_month() {
        let path = youth_path(
            day(2026, 3, 16),
            None,
            day(2027, 6, 1),
            Vec::new(),
            Vec::new(),
        );
        assert_eq!(path.months.len(), 13);
        assert_eq!(path.months.last().unwrap().label, "mars 2027");
        assert!(path.ended);
    }

    #[test]
    fn the_alert_is_due_once_per_gap_while_in_the_programme() {
        let entry = day(2026, 3, 2);
        // Four weeks after entry without contact.
        assert_eq!(
            no_contact_alert_due(entry, None, None, day(2026, 3, 29), 4),
            None
        );
        assert_eq!(
            no_contact_alert_due(entry, None, None, day(2026, 3, 30), 4),
            Some(entry)
        );
        // A contact starts a new gap, which alerts four weeks later, dated by the contact.
        let contact = day(2026, 4, 7);
        assert_eq!(
            no_contact_alert_due(entry, None, Some(contact), day(2026, 5, 4), 4),
            None
        );
        assert_eq!(
            no_contact_alert_due(entry, None, Some(contact), day(2026, 5, 5), 4),
            Some(contact)
        );
        // A session before the entry does not count.
        assert_eq!(
            no_contact_alert_due(entry, None, Some(day(2026, 2, 1)), day(2026, 3, 30), 4),
            Some(entry)
        );
        // Not after the exit, nor before the entry, nor when turned off.
        assert_eq!(
            no_contact_alert_due(entry, Some(day(2026, 4, 15)), None, day(2026, 5, 1), 4),
            None
        );
        assert_eq!(
            no_contact_alert_due(day(2026, 6, 1), None, None, day(2026, 5, 1), 4),
            None
        );
        assert_eq!(
            no_contact_alert_due(entry, None, None, day(2026, 9, 1), 0),
            None
        );
    }

    #[test]
    fn one_or_two_contacts_reach_the_target() {
        assert_eq!(ContactTarget::for_contacts(0), ContactTarget::Missing);
        assert_eq!(ContactTarget::for_contacts(1), ContactTarget::Reached);
        assert_eq!(ContactTarget::for_contacts(2), ContactTarget::Reached);
        assert_eq!(ContactTarget::for_contacts(3), ContactTarget::Above);
        assert_eq!(ContactTarget::Above.label(), "Au-delà de l'objectif");
    }
}
