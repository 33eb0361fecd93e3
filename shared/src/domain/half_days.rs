//! Half-days (issue 21, item 1): the European Social Fund's controllers want attendance signed
//! per half-day. This is the rule that cuts a session into half-days; the roll-call, the
//! self check-in, the signatures, the closing, the sheet and the hours counted are per
//! half-day (`HalfDayNumber` keys each line).
//!
//! - A session has **two half-days** when any part of it is before 13:00 and any part after
//!   13:30, Paris time (it runs through lunch), or when it lasts longer than four hours.
//!   Otherwise it is one half-day, as before.
//! - Through lunch, the morning runs from the start to 13:00 and the afternoon from 13:30 to the
//!   end (the break is nobody's hours); a long session within one half of the day is cut at its
//!   middle, to the minute.
//! - Times are Paris wall-clock times, so a session on a day the clocks change is cut at
//!   13:00 Paris all the same.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{InvalidInput, PARIS};

/// A session of more than this many minutes has two half-days wherever it falls.
pub const HALF_DAY_MAX_MINUTES: i64 = 4 * 60;

fn noon_break() -> (NaiveTime, NaiveTime) {
    (
        NaiveTime::from_hms_opt(13, 0, 0).unwrap_or(NaiveTime::MIN),
        NaiveTime::from_hms_opt(13, 30, 0).unwrap_or(NaiveTime::MIN),
    )
}

/// One half-day of a session: from when to when, in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HalfDay {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl HalfDay {
    pub fn minutes(&self) -> i64 {
        (self.ends_at - self.starts_at).num_minutes()
    }

    /// « Matin » when it ends by 13:00 Paris, « Après-midi » when it starts from 13:00, else
    /// « Journée » (a single half-day that runs through noon).
    pub fn label(&self) -> &'static str {
        let (one, _) = noon_break();
        let at = |instant: DateTime<Utc>| instant.with_timezone(&PARIS).time();
        if at(self.ends_at) <= one {
            "Matin"
        } else if at(self.starts_at) >= one {
            "Après-midi"
        } else {
            "Journée"
        }
    }
}

/// Which half-day of its session a line, a signature or a closing belongs to: the first (the
/// morning, or the only one) or the second (the afternoon). People count them from one
/// (`?demi=2` in the roll-call's address); the database from zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sea_orm::DeriveValueType))]
#[serde(try_from = "i16", into = "i16")]
pub struct HalfDayNumber(i16);

impl TryFrom<i16> for HalfDayNumber {
    type Error = String;

    fn try_from(code: i16) -> Result<Self, Self::Error> {
        usize::try_from(code)
            .ok()
            .and_then(Self::at)
            .ok_or_else(|| format!("no half-day {code}"))
    }
}

impl From<HalfDayNumber> for i16 {
    fn from(number: HalfDayNumber) -> i16 {
        number.0
    }
}

impl HalfDayNumber {
    pub const FIRST: HalfDayNumber = HalfDayNumber(0);
    pub const SECOND: HalfDayNumber = HalfDayNumber(1);

    /// The `index`-th half-day (0 or 1).
    pub fn at(index: usize) -> Option<HalfDayNumber> {
        match index {
            0 => Some(Self::FIRST),
            1 => Some(Self::SECOND),
            _ => None,
        }
    }

    pub fn index(self) -> usize {
        usize::try_from(self.0).unwrap_or(0)
    }

    /// 1 or 2, as people count.
    pub fn ordinal(self) -> usize {
        self.index() + 1
    }

    /// A half-day chosen in a page or a form (« 1 » or « 2 ») among the session's `count`.
    pub fn parse_among(typed: &str, count: usize) -> Result<HalfDayNumber, InvalidInput> {
        typed
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|ordinal| ordinal.checked_sub(1))
            .filter(|index| *index < count)
            .and_then(Self::at)
            .ok_or_else(|| InvalidInput::new("demi", "Cette séance n'a pas cette demi-journée."))
    }
}

/// What people call the half-day `number` of `halves`: « Matin », « Après-midi », or « 1re
/// demi-journée » / « 2e demi-journée » when both fall in the same part of the day.
pub fn half_day_name(halves: &[HalfDay], number: HalfDayNumber) -> String {
    let label = |index: usize| halves.get(index).map(HalfDay::label);
    let distinct = halves.len() < 2 || label(0) != label(1);
    match (distinct, label(number.index())) {
        (true, Some(label)) => label.to_owned(),
        _ if number == HalfDayNumber::FIRST => "1re demi-journée".to_owned(),
        _ => "2e demi-journée".to_owned(),
    }
}

/// The half-day under way at `now`: the first until it ends, then the next; the last after the
/// end. Arriving during the lunch break is arriving for the afternoon.
pub fn half_day_at(halves: &[HalfDay], now: DateTime<Utc>) -> HalfDayNumber {
    let index = halves
        .iter()
        .position(|half| now < half.ends_at)
        .unwrap_or(halves.len().saturating_sub(1));
    HalfDayNumber::at(index).unwrap_or(HalfDayNumber::FIRST)
}

/// The minutes of half-day `number` of a session from `starts_at` to `ends_at`: what a youth
/// present for it attended (the whole session for its only half-day).
pub fn half_day_minutes(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    number: HalfDayNumber,
) -> i64 {
    half_days_of(starts_at, ends_at)
        .get(number.index())
        .map_or(0, HalfDay::minutes)
}

/// The half-days of a session from `starts_at` to `ends_at`: one or two, in order.
pub fn half_days_of(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Vec<HalfDay> {
    let (one, half_past_one) = noon_break();
    let start = starts_at.with_timezone(&PARIS);
    let end = ends_at.with_timezone(&PARIS);
    let whole = HalfDay { starts_at, ends_at };
    if end <= start {
        return vec![whole];
    }
    let paris_time = |time: NaiveTime| {
        PARIS
            .from_local_datetime(&start.date_naive().and_time(time))
            .earliest()
            .map(|at| at.with_timezone(&Utc))
    };
    let same_day = start.date_naive() == end.date_naive();
    if same_day
        && start.time() < one
        && end.time() > half_past_one
        && let (Some(lunch), Some(after_lunch)) = (paris_time(one), paris_time(half_past_one))
    {
        return vec![
            HalfDay {
                starts_at,
                ends_at: lunch,
            },
            HalfDay {
                starts_at: after_lunch,
                ends_at,
            },
        ];
    }
    if whole.minutes() > HALF_DAY_MAX_MINUTES {
        let middle = starts_at + Duration::minutes(whole.minutes() / 2);
        return vec![
            HalfDay {
                starts_at,
                ends_at: middle,
            },
            HalfDay {
                starts_at: middle,
                ends_at,
            },
        ];
    }
    vec![whole]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::format_session_hours;

    fn paris(day: (i32, u32, u32), hour: u32, minute: u32) -> DateTime<Utc> {
        PARIS
            .with_ymd_and_hms(day.0, day.1, day.2, hour, minute, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn shown(halves: &[HalfDay]) -> Vec<(String, &'static str, i64)> {
        halves
            .iter()
            .map(|half| {
                (
                    format_session_hours(half.starts_at, half.ends_at),
                    half.label(),
                    half.minutes(),
                )
            })
            .collect()
    }

    const DAY: (i32, u32, u32) = (2026, 3, 12);

    #[test]
    fn a_session_through_lunch_has_a_morning_and_an_afternoon_without_the_break() {
        let halves = half_days_of(paris(DAY, 9, 0), paris(DAY, 17, 0));
        assert_eq!(
            shown(&halves),
            [
                ("9 h 00 – 13 h 00".to_owned(), "Matin", 240),
                ("13 h 30 – 17 h 00".to_owned(), "Après-midi", 210),
            ]
        );
        // Ten past one is not yet the afternoon; any part after half past one is.
        assert_eq!(half_days_of(paris(DAY, 10, 0), paris(DAY, 13, 30)).len(), 1);
        assert_eq!(
            half_days_of(paris(DAY, 12, 30), paris(DAY, 13, 45)).len(),
            2
        );
    }

    #[test]
    fn a_session_within_one_half_of_the_day_stays_whole_unless_it_is_long() {
        assert_eq!(
            shown(&half_days_of(paris(DAY, 9, 30), paris(DAY, 12, 0))),
            [("9 h 30 – 12 h 00".to_owned(), "Matin", 150)]
        );
        assert_eq!(
            shown(&half_days_of(paris(DAY, 14, 0), paris(DAY, 17, 0))),
            [("14 h 00 – 17 h 00".to_owned(), "Après-midi", 180)]
        );
        // Four hours and a half in the afternoon: cut at the middle.
        assert_eq!(
            shown(&half_days_of(paris(DAY, 13, 30), paris(DAY, 18, 0))),
            [
                ("13 h 30 – 15 h 45".to_owned(), "Après-midi", 135),
                ("15 h 45 – 18 h 00".to_owned(), "Après-midi", 135),
            ]
        );
    }

    #[test]
    fn the_half_day_under_way_counts_the_lunch_break_as_the_afternoon() {
        let halves = half_days_of(paris(DAY, 9, 0), paris(DAY, 17, 0));
        let at = |hour, minute| half_day_at(&halves, paris(DAY, hour, minute));
        assert_eq!(at(8, 45), HalfDayNumber::FIRST);
        assert_eq!(at(12, 59), HalfDayNumber::FIRST);
        assert_eq!(at(13, 10), HalfDayNumber::SECOND);
        assert_eq!(at(18, 0), HalfDayNumber::SECOND);
        let short = half_days_of(paris(DAY, 9, 0), paris(DAY, 11, 0));
        assert_eq!(half_day_at(&short, paris(DAY, 12, 0)), HalfDayNumber::FIRST);
    }

    #[test]
    fn half_days_are_named_and_chosen_as_people_count_them() {
        let day = half_days_of(paris(DAY, 9, 0), paris(DAY, 17, 0));
        assert_eq!(half_day_name(&day, HalfDayNumber::FIRST), "Matin");
        assert_eq!(half_day_name(&day, HalfDayNumber::SECOND), "Après-midi");
        let long_afternoon = half_days_of(paris(DAY, 13, 30), paris(DAY, 18, 0));
        assert_eq!(
            half_day_name(&long_afternoon, HalfDayNumber::SECOND),
            "2e demi-journée"
        );
        assert_eq!(
            HalfDayNumber::parse_among(" 2 ", 2),
            Ok(HalfDayNumber::SECOND)
        );
        for typed in ["0", "3", "deux", ""] {
            assert!(HalfDayNumber::parse_among(typed, 2).is_err(), "{typed}");
        }
        assert!(HalfDayNumber::parse_among("2", 1).is_err());
    }

    #[test]
    fn a_youth_present_only_in_the_morning_counts_the_mornings_minutes() {
        let (starts, ends) = (paris(DAY, 9, 0), paris(DAY, 17, 0));
        assert_eq!(half_day_minutes(starts, ends, HalfDayNumber::FIRST), 240);
        assert_eq!(half_day_minutes(starts, ends, HalfDayNumber::SECOND), 210);
        let short = (paris(DAY, 9, 0), paris(DAY, 11, 0));
        assert_eq!(
            half_day_minutes(short.0, short.1, HalfDayNumber::FIRST),
            120
        );
        assert_eq!(half_day_minutes(short.0, short.1, HalfDayNumber::SECOND), 0);
    }

    #[test]
    fn the_cut_is_at_one_oclock_paris_on_the_days_the_clocks_change() {
        for day in [(2026, 3, 29), (2026, 10, 25)] {
            let halves = half_days_of(paris(day, 9, 0), paris(day, 16, 0));
            assert_eq!(
                format_session_hours(halves[0].starts_at, halves[0].ends_at),
                "9 h 00 – 13 h 00"
            );
            assert_eq!(
                format_session_hours(halves[1].starts_at, halves[1].ends_at),
                "13 h 30 – 16 h 00"
            );
        }
    }
}
