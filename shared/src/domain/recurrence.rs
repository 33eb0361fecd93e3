//! Recurring series (*cycles*): "every Tuesday 9:30–12:00 for 6 weeks", "every other Thursday",
//! with dates skipped (a public holiday). Occurrences are computed in Paris wall-clock time, so
//! 9:30 stays 9:30 across the changes to and from summer time; instants are then stored in UTC.
//! A series repeats every week or every 2, 3 or 4 weeks, over at most a year; an edit or a
//! cancellation may take "this one and the following". French public holidays are here too, to
//! warn about them; the moving ones are computed from Easter. Property-tested.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{InvalidInput, PARIS};

/// A weekly series as planned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// The first session's day; the series repeats on the same weekday.
    pub first_day: NaiveDate,
    /// Paris wall-clock time.
    pub starts_at: NaiveTime,
    pub duration_minutes: u32,
    /// 1: every week; 2: every other week...
    pub every_weeks: u32,
    /// How many slots the series spans, skipped ones included ("for 6 weeks" is 6).
    pub slots: u32,
    /// Days of the series without a session.
    pub skipped: BTreeSet<NaiveDate>,
}

/// One session of a series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub day: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Series {
    pub const MAX_SLOTS: u32 = 52;
    pub const MAX_EVERY_WEEKS: u32 = 4;

    /// Checks the shape of a series: at least one session, at most a year of weeks, a duration
    /// between 15 minutes and 8 hours, skipped days that belong to the series.
    pub fn new(
        first_day: NaiveDate,
        starts_at: NaiveTime,
        duration_minutes: u32,
        every_weeks: u32,
        slots: u32,
        skipped: BTreeSet<NaiveDate>,
    ) -> Result<Self, InvalidInput> {
        if !(15..=480).contains(&duration_minutes) {
            return Err(InvalidInput::new(
                "duration",
                "Une séance dure entre 15 minutes et 8 heures.",
            ));
        }
        if !(1..=Self::MAX_EVERY_WEEKS).contains(&every_weeks) {
            return Err(InvalidInput::new(
                "every_weeks",
                "Choisissez une fréquence : chaque semaine, ou toutes les 2, 3 ou 4 semaines.",
            ));
        }
        if !(1..=Self::MAX_SLOTS).contains(&slots) {
            return Err(InvalidInput::new(
                "slots",
                "Un cycle compte de 1 à 52 séances.",
            ));
        }
        // The last slot (and the day after, for the session's end) must be a day chrono can
        // hold: a far year would overflow the arithmetic below.
        let last_day = i64::from((slots - 1) * every_weeks)
            .checked_mul(7)
            .map(Duration::days)
            .and_then(|span| first_day.checked_add_signed(span))
            .and_then(|last| last.checked_add_signed(Duration::days(2)));
        if last_day.is_none() {
            return Err(InvalidInput::new(
                "day",
                "Cette date est trop lointaine : vérifiez l'année.",
            ));
        }
        let series = Self {
            first_day,
            starts_at,
            duration_minutes,
            every_weeks,
            slots,
            skipped,
        };
        if let Some(stray) = series
            .skipped
            .iter()
            .find(|day| !series.slot_days().contains(day))
        {
            return Err(InvalidInput::new(
                "skipped",
                format!(
                    "Le {} ne fait pas partie de ce cycle : il n'y a rien à supprimer ce jour-là.",
                    super::format_day(*stray)
                ),
            ));
        }
        if series.skipped.len() as u32 >= slots {
            return Err(InvalidInput::new(
                "skipped",
                "Toutes les dates du cycle sont supprimées : il ne reste aucune séance.",
            ));
        }
        Ok(series)
    }

    /// Every day the series spans, skipped ones included.
    pub fn slot_days(&self) -> Vec<NaiveDate> {
        (0..self.slots)
            .map(|slot| self.first_day + Duration::weeks(i64::from(slot * self.every_weeks)))
            .collect()
    }

    /// The sessions, in order, at the same Paris wall-clock time whatever the season.
    pub fn occurrences(&self) -> Vec<Occurrence> {
        self.slot_days()
            .into_iter()
            .filter(|day| !self.skipped.contains(day))
            .map(|day| {
                let starts_at = paris_instant(day, self.starts_at);
                Occurrence {
                    day,
                    starts_at,
                    ends_at: starts_at + Duration::minutes(i64::from(self.duration_minutes)),
                }
            })
            .collect()
    }

    /// The occurrences from `day` on: what "this and following" changes.
    pub fn this_and_following(&self, day: NaiveDate) -> Vec<Occurrence> {
        self.occurrences()
            .into_iter()
            .filter(|occurrence| occurrence.day >= day)
            .collect()
    }
}

/// The instant of a Paris wall-clock time. In the hour that does not exist (the last Sunday of
/// March, 2:00–3:00) it moves forward by the gap; in the hour that happens twice (last Sunday of
/// October, 2:00–3:00) it takes the first.
pub fn paris_instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    match PARIS.from_local_datetime(&local) {
        LocalResult::Single(instant) | LocalResult::Ambiguous(instant, _) => {
            instant.with_timezone(&Utc)
        }
        LocalResult::None => PARIS
            .from_local_datetime(&(local + Duration::hours(1)))
            .earliest()
            .map(|instant| instant.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&local)),
    }
}

/// France's public holidays in `year` (metropolitan list), with their French names.
pub fn french_public_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let day = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    let easter = easter_sunday(year);
    let mut holidays: Vec<(NaiveDate, &'static str)> = [
        (day(1, 1), "Jour de l'an"),
        (
            easter.map(|easter| easter + Duration::days(1)),
            "Lundi de Pâques",
        ),
        (day(5, 1), "Fête du Travail"),
        (day(5, 8), "Victoire 1945"),
        (
            easter.map(|easter| easter + Duration::days(39)),
            "Ascension",
        ),
        (
            easter.map(|easter| easter + Duration::days(50)),
            "Lundi de Pentecôte",
        ),
        (day(7, 14), "Fête nationale"),
        (day(8, 15), "Assomption"),
        (day(11, 1), "Toussaint"),
        (day(11, 11), "Armistice 1918"),
        (day(12, 25), "Noël"),
    ]
    .into_iter()
    .filter_map(|(date, name)| Some((date?, name)))
    .collect();
    holidays.sort();
    holidays
}

/// The public holiday on `day`, if any: planning warns about it.
pub fn public_holiday(day: NaiveDate) -> Option<&'static str> {
    french_public_holidays(day.year())
        .into_iter()
        .find(|(holiday, _)| *holiday == day)
        .map(|(_, name)| name)
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, "Meeus/Jones/
/// Butcher").
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).expect("a time")
    }

    fn paris_wall_clock(instant: DateTime<Utc>) -> NaiveTime {
        instant.with_timezone(&PARIS).time()
    }

    /// A series near the end of chrono's calendar is refused, not a panic.
    #[test]
    fn a_series_past_the_last_representable_day_is_refused() {
        for days_before_the_end in [0, 1, 7, 300] {
            let first_day = NaiveDate::MAX - Duration::days(days_before_the_end);
            let made = std::panic::catch_unwind(|| {
                Series::new(first_day, time(9, 0), 60, 4, 52, BTreeSet::new())
            });
            assert!(
                matches!(made, Ok(Err(_))),
                "{first_day}: refused with a message"
            );
        }
    }

    #[test]
    fn half_past_nine_stays_half_past_nine_across_the_last_sunday_of_march() {
        // Tuesdays 23 March, 30 March, 6 April 2027; summer time starts on Sunday 28 March.
        let series =
            Series::new(date(2027, 3, 23), time(9, 30), 150, 1, 3, BTreeSet::new()).expect("ok");
        let occurrences = series.occurrences();
        assert_eq!(occurrences.len(), 3);
        for occurrence in &occurrences {
            assert_eq!(paris_wall_clock(occurrence.starts_at), time(9, 30));
            assert_eq!(paris_wall_clock(occurrence.ends_at), time(12, 0));
        }
        assert_eq!(occurrences[0].starts_at.hour(), 8, "UTC+1 in winter");
        assert_eq!(occurrences[1].starts_at.hour(), 7, "UTC+2 in summer");
    }

    #[test]
    fn and_across_the_last_sunday_of_october() {
        // Every other Thursday from 21 October 2027; winter time returns on Sunday 31 October.
        let series =
            Series::new(date(2027, 10, 21), time(14, 0), 120, 2, 2, BTreeSet::new()).expect("ok");
        let occurrences = series.occurrences();
        assert_eq!(occurrences[1].day, date(2027, 11, 4));
        assert_eq!(occurrences[0].starts_at.hour(), 12);
        assert_eq!(occurrences[1].starts_at.hour(), 13);
        assert!(
            occurrences
                .iter()
                .all(|o| paris_wall_clock(o.starts_at) == time(14, 0))
        );
    }

    #[test]
    fn a_skipped_holiday_leaves_the_other_weeks_alone() {
        // Six Mondays from 3 May 2027; Whit Monday (17 May) skipped.
        let skipped = BTreeSet::from([date(2027, 5, 17)]);
        let series = Series::new(date(2027, 5, 3), time(9, 30), 120, 1, 6, skipped).expect("ok");
        let days: Vec<NaiveDate> = series.occurrences().iter().map(|o| o.day).collect();
        assert_eq!(
            days,
            [
                date(2027, 5, 3),
                date(2027, 5, 10),
                date(2027, 5, 24),
                date(2027, 5, 31),
                date(2027, 6, 7)
            ]
        );
        assert_eq!(
            series.this_and_following(date(2027, 5, 24)).len(),
            3,
            "this and following"
        );
    }

    #[test]
    fn nonsense_series_are_refused_in_french() {
        let make = |duration, every, slots, skipped: &[NaiveDate]| {
            Series::new(
                date(2027, 1, 5),
                time(9, 30),
                duration,
                every,
                slots,
                skipped.iter().copied().collect(),
            )
        };
        assert_eq!(make(0, 1, 6, &[]).expect_err("0 min").field, "duration");
        assert_eq!(
            make(120, 0, 6, &[]).expect_err("never").field,
            "every_weeks"
        );
        assert_eq!(make(120, 1, 0, &[]).expect_err("none").field, "slots");
        assert_eq!(make(120, 1, 53, &[]).expect_err("too long").field, "slots");
        let stray = make(120, 1, 3, &[date(2027, 1, 6)]).expect_err("a Wednesday");
        assert!(
            stray.message.contains("ne fait pas partie"),
            "{}",
            stray.message
        );
        assert!(
            make(120, 1, 1, &[date(2027, 1, 5)]).is_err(),
            "nothing left"
        );
    }

    #[test]
    fn the_hour_that_does_not_exist_moves_forward() {
        let instant = paris_instant(date(2027, 3, 28), time(2, 30));
        assert_eq!(paris_wall_clock(instant), time(3, 30));
        let twice = paris_instant(date(2027, 10, 31), time(2, 30));
        assert_eq!(
            twice,
            Utc.with_ymd_and_hms(2027, 10, 31, 0, 30, 0).unwrap(),
            "the first 2:30"
        );
    }

    #[test]
    fn french_public_holidays_follow_easter() {
        let holidays: Vec<NaiveDate> = french_public_holidays(2027).iter().map(|h| h.0).collect();
        assert_eq!(holidays.len(), 11);
        assert!(holidays.contains(&date(2027, 3, 29)), "Easter Monday");
        assert!(holidays.contains(&date(2027, 5, 6)), "Ascension");
        assert!(holidays.contains(&date(2027, 5, 17)), "Whit Monday");
        assert_eq!(public_holiday(date(2026, 4, 6)), Some("Lundi de Pâques"));
        assert_eq!(public_holiday(date(2026, 5, 14)), Some("Ascension"));
        assert_eq!(public_holiday(date(2026, 7, 14)), Some("Fête nationale"));
        assert_eq!(public_holiday(date(2026, 7, 15)), None);
        assert_eq!(easter_sunday(2000), Some(date(2000, 4, 23)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
    }

    proptest! {
        /// Whatever the series: same weekday, same Paris time, the right duration, skipped days
        /// absent and every other slot present, in order.
        #[test]
        fn every_occurrence_keeps_its_weekday_wall_clock_and_length(
            first_offset in 0i64..(5 * 366),
            minutes_of_day in (7 * 60u32)..(20 * 60),
            duration in 15u32..=480,
            every_weeks in 1u32..=4,
            slots in 1u32..=30,
            skip_mask in any::<u32>(),
        ) {
            let first_day = date(2026, 1, 1) + Duration::days(first_offset);
            let starts_at = time(minutes_of_day / 60, minutes_of_day % 60);
            let all_days: Vec<NaiveDate> = (0..slots)
                .map(|slot| first_day + Duration::weeks(i64::from(slot * every_weeks)))
                .collect();
            let skipped: BTreeSet<NaiveDate> = all_days
                .iter()
                .enumerate()
                .filter(|(index, _)| skip_mask & (1 << index) != 0 && *index > 0)
                .map(|(_, day)| *day)
                .collect();
            let series = Series::new(first_day, starts_at, duration, every_weeks, slots, skipped.clone())
                .expect("a valid series");
            let occurrences = series.occurrences();
            prop_assert_eq!(occurrences.len(), all_days.len() - skipped.len());
            for pair in occurrences.windows(2) {
                prop_assert!(pair[0].starts_at < pair[1].starts_at);
            }
            for occurrence in occurrences {
                prop_assert_eq!(occurrence.day.weekday(), first_day.weekday());
                prop_assert!(!skipped.contains(&occurrence.day));
                prop_assert_eq!(paris_wall_clock(occurrence.starts_at), starts_at);
                prop_assert_eq!(occurrence.starts_at.with_timezone(&PARIS).date_naive(), occurrence.day);
                prop_assert_eq!(occurrence.ends_at - occurrence.starts_at, Duration::minutes(i64::from(duration)));
            }
        }
    }
}
