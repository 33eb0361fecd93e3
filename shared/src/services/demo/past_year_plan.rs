//! The dice of the generated past year, without the database: who each youth is, when each
//! session is and how big, who asks for its places, and what its roll-call says. The same seed
//! gives the same draws, in the same order, so the same year; `generate_past_activity` writes
//! what these draw and keeps the ids the database gives.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use crate::domain::{AttendanceStatus, ExitOutcome, Gender, PARIS, SheetState};

/// SplitMix64: a few lines of well-known, deterministic pseudo-randomness (no need for a
/// cryptographic generator, nor for a dependency, to make up a year of workshops).
pub(crate) struct Dice(u64);

impl Dice {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ n < below.
    pub(crate) fn below(&mut self, below: usize) -> usize {
        (self.next() % below.max(1) as u64) as usize
    }

    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Shuffles `items` in place (Fisher–Yates).
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for position in (1..items.len()).rev() {
            items.swap(position, self.below(position + 1));
        }
    }
}

const FIRST_NAMES: [(&str, Gender); 12] = [
    ("Inès", Gender::Female),
    ("Moussa", Gender::Male),
    ("Yasmine", Gender::Female),
    ("Kevin", Gender::Male),
    ("Aïcha", Gender::Female),
    ("Théo", Gender::Male),
    ("Fatoumata", Gender::Female),
    ("Rayan", Gender::Male),
    ("Chloé", Gender::Female),
    ("Adama", Gender::Male),
    ("Sarah", Gender::Female),
    ("Camille", Gender::Undisclosed),
];

const LAST_NAMES: [&str; 12] = [
    "Diallo", "Martin", "Benali", "Traoré", "Nguyen", "Lefèvre", "Haddad", "Cissé", "Da Silva",
    "Moreau", "Kone", "Petit",
];

/// A youth as drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct YouthDraw {
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub gender: Gender,
    pub has_email: bool,
    pub has_phone: bool,
    pub entry: NaiveDate,
    pub exit: Option<(NaiveDate, ExitOutcome)>,
    pub date_of_birth: NaiveDate,
}

/// A youth who entered the programme within the last 450 days, 17 to 23 at entry; about one
/// in three has left; about one in twelve has neither email nor phone (the dashboard's
/// contactability warning is real).
pub(crate) fn draw_youth(dice: &mut Dice, today: NaiveDate) -> YouthDraw {
    let (first_name, gender) = FIRST_NAMES[dice.below(FIRST_NAMES.len())];
    let last_name = LAST_NAMES[dice.below(LAST_NAMES.len())];
    let (has_email, has_phone) = match dice.below(24) {
        0 | 1 => (false, false),
        2..=5 => (false, true),
        6..=8 => (true, false),
        _ => (true, true),
    };
    let entry = today - Duration::days(dice.below(450) as i64);
    let exit = (dice.chance(35) && entry < today - Duration::days(60)).then(|| {
        let exit = (entry + Duration::days(60 + dice.below(300) as i64)).min(today);
        let outcome = ExitOutcome::ALL[dice.below(ExitOutcome::ALL.len())];
        (exit, outcome)
    });
    let date_of_birth = entry - Duration::days(17 * 365 + dice.below(6 * 365) as i64);
    YouthDraw {
        first_name,
        last_name,
        gender,
        has_email,
        has_phone,
        entry,
        exit,
        date_of_birth,
    }
}

/// A session as drawn: which workshop (an index), when, and how big.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SessionDraw {
    pub workshop: usize,
    pub day: NaiveDate,
    pub starts_at: DateTime<Utc>,
    pub capacity: u32,
    pub cancelled: bool,
}

/// Between a week and a year ago (never this week: the agenda's week stays the demo's), on a
/// working day (a weekend day moves to the Friday before), at 9:30 or 14:00 in Paris, 6 to 15
/// seats; one in twenty cancelled.
pub(crate) fn draw_session(dice: &mut Dice, today: NaiveDate, workshops: usize) -> SessionDraw {
    let workshop = dice.below(workshops);
    let day = today - Duration::days(7 + dice.below(355) as i64);
    let day = match day.weekday() {
        Weekday::Sat => day - Duration::days(1),
        Weekday::Sun => day - Duration::days(2),
        _ => day,
    };
    let time = if dice.chance(50) {
        NaiveTime::from_hms_opt(9, 30, 0)
    } else {
        NaiveTime::from_hms_opt(14, 0, 0)
    }
    .unwrap_or(NaiveTime::MIN);
    let starts_at = PARIS
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|start| start.with_timezone(&Utc))
        .unwrap_or_else(|| day.and_time(time).and_utc());
    let capacity = 6 + dice.below(10) as u32;
    let cancelled = dice.chance(5);
    SessionDraw {
        workshop,
        day,
        starts_at,
        capacity,
        cancelled,
    }
}

/// How many ask for a place: three or more, now and then more than the seats (a waiting list).
pub(crate) fn draw_demand(dice: &mut Dice, capacity: u32) -> usize {
    3 + dice.below(capacity as usize + 2)
}

/// A held session's roll-call as drawn: each registered youth's status, in order; whether a
/// walk-in came and whether a late self check-in stayed unconfirmed (the service picks them
/// among the youths without a place); and the sheet's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RollCallDraw {
    pub statuses: Vec<AttendanceStatus>,
    pub walk_in: bool,
    pub late_check_in: bool,
    pub sheet: SheetState,
}

/// About two thirds present, some late, excused or absent; a walk-in one time in five; an
/// unconfirmed check-in one in twenty; sheets mostly closed, one in twenty open, one on paper.
/// `has_walk_in` and `has_late_check_in` say whether a youth without a place is there to be
/// one (no draw is made for what cannot happen, as the year was first generated).
pub(crate) fn draw_roll_call(
    dice: &mut Dice,
    registered: usize,
    has_walk_in: bool,
    has_late_check_in: bool,
) -> RollCallDraw {
    let statuses = (0..registered)
        .map(|_| match dice.below(20) {
            0..=12 => AttendanceStatus::Present,
            13 | 14 => AttendanceStatus::Late,
            15 | 16 => AttendanceStatus::Excused,
            _ => AttendanceStatus::Absent,
        })
        .collect();
    let walk_in = dice.chance(20) && has_walk_in;
    let late_check_in = dice.chance(5) && has_late_check_in;
    let sheet = match dice.below(20) {
        0 => SheetState::Open,
        1 => SheetState::Paper,
        _ => SheetState::Closed,
    };
    RollCallDraw {
        statuses,
        walk_in,
        late_check_in,
        sheet,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 10).unwrap()
    }

    #[test]
    fn the_same_seed_draws_the_same_year_another_seed_another() {
        let draws = |seed| {
            let mut dice = Dice::new(seed);
            let youths: Vec<_> = (0..20).map(|_| draw_youth(&mut dice, today())).collect();
            let sessions: Vec<_> = (0..20)
                .map(|_| draw_session(&mut dice, today(), 8))
                .collect();
            (youths, sessions)
        };
        assert_eq!(draws(2026), draws(2026));
        assert_ne!(draws(2026), draws(7));
    }

    #[test]
    fn youths_are_16_to_25_and_entered_within_the_programme_s_reach() {
        let mut dice = Dice::new(2026);
        for _ in 0..500 {
            let youth = draw_youth(&mut dice, today());
            assert!(youth.entry <= today() && youth.entry > today() - Duration::days(450));
            let age_at_entry = (youth.entry - youth.date_of_birth).num_days() / 365;
            assert!((16..=25).contains(&age_at_entry), "{youth:?}");
            if let Some((exit, _)) = youth.exit {
                assert!(exit > youth.entry && exit <= today(), "{youth:?}");
            }
        }
    }

    #[test]
    fn sessions_are_past_on_working_days_at_half_past_nine_or_two() {
        let mut dice = Dice::new(7);
        for _ in 0..500 {
            let session = draw_session(&mut dice, today(), 8);
            assert!(session.day <= today() - Duration::days(5), "{session:?}");
            assert!(session.day > today() - Duration::days(365), "{session:?}");
            assert!(!matches!(
                session.day.weekday(),
                Weekday::Sat | Weekday::Sun
            ));
            let paris = session.starts_at.with_timezone(&PARIS).time();
            assert!(
                paris == NaiveTime::from_hms_opt(9, 30, 0).unwrap()
                    || paris == NaiveTime::from_hms_opt(14, 0, 0).unwrap(),
                "{session:?}"
            );
            assert!((6..=15).contains(&session.capacity));
            assert!(session.workshop < 8);
        }
    }

    #[test]
    fn a_roll_call_marks_every_registered_youth_and_no_walk_in_without_one() {
        let mut dice = Dice::new(2026);
        let mut walk_ins = 0;
        for _ in 0..200 {
            let roll_call = draw_roll_call(&mut dice, 7, false, false);
            assert_eq!(roll_call.statuses.len(), 7);
            assert!(!roll_call.walk_in && !roll_call.late_check_in);
            walk_ins += usize::from(draw_roll_call(&mut dice, 3, true, true).walk_in);
        }
        assert!(
            (10..=80).contains(&walk_ins),
            "about one in five: {walk_ins}"
        );
    }

    #[test]
    fn demand_sometimes_exceeds_the_seats() {
        let mut dice = Dice::new(2026);
        let demands: Vec<usize> = (0..200).map(|_| draw_demand(&mut dice, 8)).collect();
        assert!(demands.iter().all(|wanted| (3..=12).contains(wanted)));
        assert!(
            demands.iter().any(|wanted| *wanted > 8),
            "a waiting list now and then"
        );
    }
}
