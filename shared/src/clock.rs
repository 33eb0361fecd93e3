//! The one place Ateliers reads the time. Services and domain rules take `now` as an argument;
//! the server, its routes, its server functions and its workers ask the [`Clock`] held in the
//! app state. In production it is the system clock. A test (or a debug build given
//! `ATELIERS_CLOCK_START`) starts it on any date and it runs on from there, so the whole app —
//! planning windows, reminders, link expiry, the demo's sessions — behaves as on that day.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

/// The time as Ateliers sees it: the system clock, shifted by a fixed amount that every clone
/// shares (moving one moves them all). Ticks at the system clock's pace.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    /// Microseconds ahead of the system clock (negative: behind).
    shift_micros: Arc<AtomicI64>,
}

impl Clock {
    /// The system clock, unshifted: production.
    pub fn system() -> Self {
        Self::default()
    }

    /// A clock that reads `start` now and runs on from it.
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        let clock = Self::default();
        clock.set(start);
        clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::microseconds(self.shift_micros.load(Ordering::Relaxed))
    }

    /// Reads `now` from this instant on, for every clone of this clock.
    pub fn set(&self, now: DateTime<Utc>) {
        let shift = (now - Utc::now()).num_microseconds().unwrap_or(i64::MAX);
        self.shift_micros.store(shift, Ordering::Relaxed);
    }

    /// Moves every clone of this clock forward by `by` (backwards when negative).
    pub fn advance(&self, by: Duration) {
        let by = by.num_microseconds().unwrap_or(i64::MAX);
        self.shift_micros.fetch_add(by, Ordering::Relaxed);
    }

    /// Whether it reads anything but the system's time (logged at start, so that nobody runs a
    /// shifted clock without knowing).
    pub fn is_shifted(&self) -> bool {
        self.shift_micros.load(Ordering::Relaxed) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_started_clock_reads_its_start_then_runs_on() {
        let start = Utc.with_ymd_and_hms(2028, 7, 14, 8, 0, 0).unwrap();
        let clock = Clock::starting_at(start);
        let read = clock.now();
        assert!(
            read >= start && read < start + Duration::seconds(5),
            "{read}"
        );
        assert!(clock.is_shifted());
    }

    #[test]
    fn moving_a_clock_moves_its_clones() {
        let clock = Clock::starting_at(Utc.with_ymd_and_hms(2027, 1, 5, 9, 0, 0).unwrap());
        let held_by_a_worker = clock.clone();
        clock.advance(Duration::days(2));
        assert_eq!(
            held_by_a_worker.now().date_naive(),
            chrono::NaiveDate::from_ymd_opt(2027, 1, 7).unwrap()
        );
    }

    #[test]
    fn the_system_clock_is_not_shifted() {
        let clock = Clock::system();
        assert!(!clock.is_shifted());
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 5);
    }
}
