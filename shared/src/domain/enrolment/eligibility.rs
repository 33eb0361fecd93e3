//! Who may take or give up a place: the facts about a session and a youth, the per-session
//! cut-offs, and the checks for youths and staff.

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    Audience, Enrollee, EnrolmentRefusal, EnrolmentWarning, EnrolmentWindow, MissionLocaleId,
    PARIS, PROGRAMME_MAX_AGE, PROGRAMME_MIN_AGE, SessionStatus, Standing, age_on,
    programme_last_day,
};

/// What enrolment needs to know about a session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionFacts {
    pub status: SessionStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub organiser_mission_locale_id: MissionLocaleId,
    pub audience: Audience,
    pub window: EnrolmentWindow,
    pub rules: PlaceRules,
}

/// The per-session cut-offs of places, relative to the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceRules {
    /// Youths may cancel online until this many minutes before the start.
    pub cancellation_closes_minutes_before: u32,
    /// Within this many minutes of the start, freed places are no longer given automatically:
    /// the counsellor decides.
    pub promotion_stops_minutes_before: u32,
}

impl Default for PlaceRules {
    fn default() -> Self {
        Self {
            cancellation_closes_minutes_before: 120,
            promotion_stops_minutes_before: 24 * 60,
        }
    }
}

impl PlaceRules {
    pub fn cancellation_closes_at(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at - Duration::minutes(i64::from(self.cancellation_closes_minutes_before))
    }

    /// Whether a freed place goes to the first in line by itself at `now`.
    pub fn promotes_automatically(&self, starts_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now < starts_at - Duration::minutes(i64::from(self.promotion_stops_minutes_before))
    }
}

/// What enrolment needs to know about a youth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YouthFacts {
    pub enrollee: Enrollee,
    pub date_of_birth: NaiveDate,
    pub programme_entry_date: NaiveDate,
    pub programme_exit_date: Option<NaiveDate>,
}

impl YouthFacts {
    /// The last day of the programme: the recorded exit, or twelve months after entry.
    pub fn programme_last_day(&self) -> NaiveDate {
        programme_last_day(self.programme_entry_date, self.programme_exit_date)
    }

    pub fn in_programme_on(&self, day: NaiveDate) -> bool {
        self.programme_entry_date <= day && day <= self.programme_last_day()
    }

    /// The first and last days on which the youth may be in a session: in the programme and
    /// aged 16–25, give or take a day at the birthdays (a list narrows its query by them, then
    /// judges each session with [`check_self_enrolment`]). `None` when there is no such day.
    pub fn possible_days(&self) -> Option<(NaiveDate, NaiveDate)> {
        let years = |count: u32| {
            self.date_of_birth
                .checked_add_months(Months::new(12 * count))
                .unwrap_or(NaiveDate::MAX)
        };
        let first = self.programme_entry_date.max(
            years(PROGRAMME_MIN_AGE)
                .pred_opt()
                .unwrap_or(NaiveDate::MIN),
        );
        let last = self.programme_last_day().min(
            years(PROGRAMME_MAX_AGE + 1)
                .succ_opt()
                .unwrap_or(NaiveDate::MAX),
        );
        (first <= last).then_some((first, last))
    }
}

/// Whether the session is open for places at all (for youths and counsellors alike).
fn check_session_takes_places(
    session: &SessionFacts,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    match session.status {
        SessionStatus::Draft => return Err(EnrolmentRefusal::NotPublished),
        SessionStatus::Cancelled => return Err(EnrolmentRefusal::Cancelled),
        SessionStatus::Published => {}
    }
    if now >= session.starts_at {
        return Err(EnrolmentRefusal::AlreadyStarted);
    }
    Ok(())
}

fn session_day(session: &SessionFacts) -> NaiveDate {
    session.starts_at.with_timezone(&PARIS).date_naive()
}

fn check_age(session: &SessionFacts, youth: &YouthFacts) -> Result<(), EnrolmentRefusal> {
    let age = age_on(youth.date_of_birth, session_day(session));
    if (PROGRAMME_MIN_AGE..=PROGRAMME_MAX_AGE).contains(&age) {
        Ok(())
    } else {
        Err(EnrolmentRefusal::Age { age })
    }
}

/// A youth enrolling themself: the session is published and to come, its window is open, its
/// audience admits them, they are in the programme and aged 16–25 on the day, and they hold no
/// place at a session at the same time (`overlapping`: the title of such a session).
pub fn check_self_enrolment(
    session: &SessionFacts,
    youth: &YouthFacts,
    overlapping: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    check_session_takes_places(session, now)?;
    if !session.window.is_open(session.starts_at, now) {
        return Err(match session.window.opens_at(session.starts_at) {
            Some(opens_at) if now < opens_at => EnrolmentRefusal::NotYetOpen { opens_at },
            _ => EnrolmentRefusal::Closed,
        });
    }
    if !session
        .audience
        .admits(session.organiser_mission_locale_id, youth.enrollee)
    {
        return Err(EnrolmentRefusal::NotInAudience);
    }
    if !youth.in_programme_on(session_day(session)) {
        return Err(EnrolmentRefusal::OutsideProgramme);
    }
    check_age(session, youth)?;
    if let Some(title) = overlapping {
        return Err(EnrolmentRefusal::Overlap {
            title: title.to_owned(),
        });
    }
    Ok(())
}

/// A counsellor enrolling a youth: until the session starts, whatever the window. The audience
/// must admit the youth unless the counsellor organises the session; the age rule is the
/// funder's and always holds. An overlapping place or a programme that has ended are warnings.
pub fn check_staff_enrolment(
    session: &SessionFacts,
    youth: &YouthFacts,
    organiser_acting: bool,
    overlapping: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<EnrolmentWarning>, EnrolmentRefusal> {
    check_session_takes_places(session, now)?;
    if !organiser_acting
        && !session
            .audience
            .admits(session.organiser_mission_locale_id, youth.enrollee)
    {
        return Err(EnrolmentRefusal::NotInAudience);
    }
    check_age(session, youth)?;
    let mut warnings = Vec::new();
    if let Some(title) = overlapping {
        warnings.push(EnrolmentWarning::Overlap {
            title: title.to_owned(),
        });
    }
    if !youth.in_programme_on(session_day(session)) {
        warnings.push(EnrolmentWarning::OutsideProgramme {
            last_day: youth.programme_last_day(),
        });
    }
    Ok(warnings)
}

/// A youth giving up their place: a registered place until the session's cut-off, the waiting
/// list until the start.
pub fn check_self_cancellation(
    session: &SessionFacts,
    standing: Standing,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    if now >= session.starts_at {
        return Err(EnrolmentRefusal::AlreadyStarted);
    }
    if standing == Standing::Registered
        && now >= session.rules.cancellation_closes_at(session.starts_at)
    {
        return Err(EnrolmentRefusal::CancellationClosed {
            hours: session
                .rules
                .cancellation_closes_minutes_before
                .div_ceil(60),
        });
    }
    Ok(())
}

/// Staff changing places (removal, promotion, capacity): until the session ends.
pub fn check_staff_roster_change(
    session: &SessionFacts,
    now: DateTime<Utc>,
) -> Result<(), EnrolmentRefusal> {
    if session.status == SessionStatus::Cancelled {
        return Err(EnrolmentRefusal::Cancelled);
    }
    if now >= session.ends_at {
        return Err(EnrolmentRefusal::AlreadyStarted);
    }
    Ok(())
}

/// The reason a counsellor gives for removing a youth: required, at most 500 characters.
pub fn parse_removal_reason(text: &str) -> Result<String, crate::domain::InvalidInput> {
    let reason = crate::domain::one_line(text);
    if reason.is_empty() {
        return Err(crate::domain::InvalidInput::new(
            "reason",
            "Indiquez la raison du retrait : le ou la jeune la lira.",
        ));
    }
    if reason.chars().count() > 500 {
        return Err(crate::domain::InvalidInput::new(
            "reason",
            "La raison est trop longue (500 caractères au plus).",
        ));
    }
    Ok(reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PersonId;
    use chrono::TimeZone;

    fn session(now: DateTime<Utc>) -> SessionFacts {
        SessionFacts {
            status: SessionStatus::Published,
            starts_at: now + Duration::days(3),
            ends_at: now + Duration::days(3) + Duration::hours(2),
            organiser_mission_locale_id: MissionLocaleId::new(1),
            audience: Audience::MissionLocale,
            window: EnrolmentWindow {
                opens_days_before: Some(14),
                closes_minutes_before: 120,
            },
            rules: PlaceRules::default(),
        }
    }

    fn youth() -> YouthFacts {
        YouthFacts {
            enrollee: Enrollee {
                mission_locale_id: MissionLocaleId::new(1),
                referent_id: PersonId::new(7),
            },
            date_of_birth: NaiveDate::from_ymd_opt(2005, 5, 1).unwrap(),
            programme_entry_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            programme_exit_date: None,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    #[test]
    fn every_day_a_youth_may_join_lies_within_their_possible_days() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            (day(2005, 5, 1), day(2026, 9, 1), None),
            // Turns 26 during the programme; a leap-day birthday.
            (day(2000, 2, 29), day(2025, 6, 1), None),
            // Turns 16 during the programme, which ended early.
            (day(2010, 11, 20), day(2026, 10, 1), Some(day(2027, 3, 31))),
            // Too old for any day of the programme.
            (day(1990, 1, 1), day(2026, 1, 1), None),
        ];
        for (date_of_birth, programme_entry_date, programme_exit_date) in cases {
            let youth = YouthFacts {
                date_of_birth,
                programme_entry_date,
                programme_exit_date,
                ..youth()
            };
            let possible = youth.possible_days();
            let mut joinable = day(2024, 1, 1)
                .iter_days()
                .take_while(|on| *on < day(2029, 1, 1))
                .filter(|on| {
                    youth.in_programme_on(*on)
                        && (PROGRAMME_MIN_AGE..=PROGRAMME_MAX_AGE)
                            .contains(&age_on(date_of_birth, *on))
                })
                .peekable();
            let Some(first) = joinable.peek().copied() else {
                assert_eq!(possible, None, "{date_of_birth}");
                continue;
            };
            let last = joinable.last().unwrap();
            let (from, to) = possible.unwrap();
            assert!(
                from <= first && first - from <= Duration::days(1),
                "{from} {first}"
            );
            assert!(last <= to && to - last <= Duration::days(1), "{last} {to}");
        }
    }

    #[test]
    fn an_eligible_youth_may_enrol() {
        assert_eq!(
            check_self_enrolment(&session(now()), &youth(), None, now()),
            Ok(())
        );
    }

    #[test]
    fn each_self_enrolment_rule_refuses_in_french() {
        let now = now();
        let mut draft = session(now);
        draft.status = SessionStatus::Draft;
        assert_eq!(
            check_self_enrolment(&draft, &youth(), None, now),
            Err(EnrolmentRefusal::NotPublished)
        );
        let mut far = session(now);
        far.starts_at = now + Duration::days(30);
        let refusal = check_self_enrolment(&far, &youth(), None, now).unwrap_err();
        assert!(matches!(refusal, EnrolmentRefusal::NotYetOpen { .. }));
        assert!(refusal.youth_message().contains("ouvriront le"));
        let mut soon = session(now);
        soon.starts_at = now + Duration::minutes(90);
        assert_eq!(
            check_self_enrolment(&soon, &youth(), None, now),
            Err(EnrolmentRefusal::Closed)
        );
        let mut elsewhere = youth();
        elsewhere.enrollee.mission_locale_id = MissionLocaleId::new(2);
        assert_eq!(
            check_self_enrolment(&session(now), &elsewhere, None, now),
            Err(EnrolmentRefusal::NotInAudience)
        );
        let mut left = youth();
        left.programme_exit_date = NaiveDate::from_ymd_opt(2026, 11, 30);
        assert_eq!(
            check_self_enrolment(&session(now), &left, None, now),
            Err(EnrolmentRefusal::OutsideProgramme)
        );
        let mut older = youth();
        older.date_of_birth = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let refusal = check_self_enrolment(&session(now), &older, None, now).unwrap_err();
        assert_eq!(refusal, EnrolmentRefusal::Age { age: 26 });
        assert!(refusal.youth_message().contains("26 ans"));
        assert!(
            check_self_enrolment(&session(now), &youth(), Some("Réussir son CV"), now)
                .unwrap_err()
                .youth_message()
                .contains("« Réussir son CV »")
        );
    }

    #[test]
    fn twelve_months_after_entry_the_programme_is_over() {
        let youth = youth();
        assert_eq!(
            youth.programme_last_day(),
            NaiveDate::from_ymd_opt(2027, 8, 31).unwrap()
        );
        assert!(!youth.in_programme_on(NaiveDate::from_ymd_opt(2027, 9, 1).unwrap()));
    }

    #[test]
    fn counsellors_enrol_past_the_window_with_warnings() {
        let now = now();
        let mut soon = session(now);
        soon.starts_at = now + Duration::minutes(30);
        let mut left = youth();
        left.programme_exit_date = NaiveDate::from_ymd_opt(2026, 11, 30);
        let warnings = check_staff_enrolment(&soon, &left, false, Some("CV"), now).unwrap();
        assert_eq!(warnings.len(), 2);
        assert!(warnings[1].message().contains("30 novembre 2026"));
        let mut elsewhere = youth();
        elsewhere.enrollee.mission_locale_id = MissionLocaleId::new(2);
        assert_eq!(
            check_staff_enrolment(&soon, &elsewhere, false, None, now),
            Err(EnrolmentRefusal::NotInAudience)
        );
        assert!(check_staff_enrolment(&soon, &elsewhere, true, None, now).is_ok());
    }

    #[test]
    fn a_registered_place_is_cancelled_online_until_the_cut_off_only() {
        let now = now();
        let mut session = session(now);
        session.starts_at = now + Duration::minutes(100);
        assert_eq!(
            check_self_cancellation(&session, Standing::Registered, now),
            Err(EnrolmentRefusal::CancellationClosed { hours: 2 })
        );
        assert_eq!(
            check_self_cancellation(&session, Standing::Waiting { position: 1 }, now),
            Ok(())
        );
        session.starts_at = now + Duration::hours(3);
        assert_eq!(
            check_self_cancellation(&session, Standing::Registered, now),
            Ok(())
        );
    }

    #[test]
    fn promotion_stops_being_automatic_a_day_before() {
        let rules = PlaceRules::default();
        let starts = now() + Duration::hours(30);
        assert!(rules.promotes_automatically(starts, now()));
        assert!(!rules.promotes_automatically(starts, now() + Duration::hours(7)));
    }

    #[test]
    fn a_removal_needs_a_reason() {
        assert!(parse_removal_reason("  ").is_err());
        assert_eq!(parse_removal_reason(" absent ").unwrap(), "absent");
    }
}
