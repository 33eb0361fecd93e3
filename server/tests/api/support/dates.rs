//! Days for tests, computed from the test's clock ([`super::clock`]) so that each keeps its
//! meaning on whatever day the suite runs: after the demo's sessions, within the two years
//! planning accepts, and — where a test is about it — across a change of time, on a public
//! holiday, in the summer.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

/// The first day after the demo's sessions (its four weeks) and a week's margin: a test plans
/// from here without meeting them.
pub fn clear_of_demo() -> NaiveDate {
    super::today() + Duration::days(35)
}

/// The first `weekday` clear of the demo.
pub fn next_clear(weekday: Weekday) -> NaiveDate {
    on_or_after(clear_of_demo(), weekday)
}

/// `day` if it is a `weekday`, else the next one.
pub fn on_or_after(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - day.weekday().num_days_from_monday()) % 7;
    day + Duration::days(i64::from(ahead))
}

/// `day_in(year)` for the first year in which it is clear of the demo: the next 14 July, the
/// Tuesday before the next change to summer time, …
pub fn next_yearly(day_in: impl Fn(i32) -> NaiveDate) -> NaiveDate {
    let clear = clear_of_demo();
    (clear.year()..)
        .map(day_in)
        .find(|day| *day >= clear)
        .expect("a year ahead")
}

pub fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a real day")
}

/// The last Sunday of `month`: in March summer time starts, in October it ends.
pub fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let next_month = if month == 12 {
        ymd(year + 1, 1, 1)
    } else {
        ymd(year, month + 1, 1)
    };
    let last = next_month - Duration::days(1);
    last - Duration::days(i64::from(last.weekday().num_days_from_sunday()))
}

/// `hour:minute` in Paris on `day`, as stored (UTC).
pub fn paris(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, minute, 0)
        .expect("a time")
        .and_local_timezone(shared::domain::PARIS)
        .single()
        .expect("not in a change of time")
        .with_timezone(&Utc)
}

/// `hour:minute` UTC on `day`: for the tests that say what Paris time is in UTC.
pub fn utc(day: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    day.and_hms_opt(hour, minute, 0).expect("a time").and_utc()
}

/// "16/03/2027", the way the skipped-days field takes days.
pub fn slashed(day: NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

/// "mardi 16 mars 2027", the way pages write a session's day.
pub fn french_day(day: NaiveDate) -> String {
    shared::domain::format_session_date(paris(day, 12, 0))
}
