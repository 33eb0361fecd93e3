//! Everything in the programme happens in Europe/Paris; instants are stored in UTC.
//! Formatting always names the zone explicitly so the server and the browser agree.
//!
//! What the browser formats (`format_day`, `format_month`, `format_weekday_and_day`,
//! `format_wall_clock_hours`) is written by hand, on wall-clock dates: chrono's locale and
//! time-zone tables would triple the wasm every phone downloads.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

pub const PARIS: Tz = chrono_tz::Europe::Paris;

/// "mardi 15 décembre 2026", in Paris.
pub fn format_session_date(starts_at: DateTime<Utc>) -> String {
    format_weekday_and_day(starts_at.with_timezone(&PARIS).date_naive())
}

/// "9 h 30 – 12 h 00", in Paris, the way French typography writes hours.
pub fn format_session_hours(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let hour =
        |instant: DateTime<Utc>| instant.with_timezone(&PARIS).format("%-H h %M").to_string();
    format!("{} – {}", hour(starts_at), hour(ends_at))
}

/// "27 novembre 2026 à 14 h 05", in Paris: when something happened.
pub fn format_instant(at: DateTime<Utc>) -> String {
    let at = at.with_timezone(&PARIS);
    format!(
        "{} à {}",
        format_day(at.date_naive()),
        at.format("%-H h %M")
    )
}

/// French month names, written out by hand, not with chrono's locales: the browser's form check
/// formats days, and the locale tables would weigh on every phone that loads the wasm.
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// The day of the month as French writes it: « 1er », then « 2 », « 3 »…
fn day_of_month(day: NaiveDate) -> String {
    match day.day() {
        1 => "1er".to_owned(),
        other => other.to_string(),
    }
}

/// "2 novembre 2026", "1er décembre 2026", without the locale tables (see [`MONTHS`]).
pub fn format_day(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day_of_month(day),
        MONTHS[day.month0() as usize],
        day.year()
    )
}

/// "lundi 1er mars": a day of the coming weeks, without its year.
pub fn format_weekday_day_and_month(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        WEEKDAYS[day.weekday().num_days_from_monday() as usize],
        day_of_month(day),
        MONTHS[day.month0() as usize]
    )
}

/// "novembre 2026": the calendar month of `day`, without the locale tables.
pub fn format_month(day: NaiveDate) -> String {
    format!("{} {}", MONTHS[day.month0() as usize], day.year())
}

/// "mardi 2 mars 2027", without the locale tables (see [`format_day`]).
pub fn format_weekday_and_day(day: NaiveDate) -> String {
    format!(
        "{} {}",
        WEEKDAYS[day.weekday().num_days_from_monday() as usize],
        format_day(day)
    )
}

/// "9 h 30 – 12 h 00" from Paris wall-clock times.
pub fn format_wall_clock_hours(starts_at: NaiveTime, ends_at: NaiveTime) -> String {
    let hour = |time: NaiveTime| format!("{} h {:02}", time.hour(), time.minute());
    format!("{} – {}", hour(starts_at), hour(ends_at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Locale, TimeZone};

    #[test]
    fn instants_and_days_read_the_french_way() {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 13, 5, 0).unwrap();
        assert_eq!(format_instant(at), "27 novembre 2026 à 14 h 05");
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(format_day(day), "2 novembre 2026");
        assert_eq!(
            format_day(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
            "1er décembre 2026"
        );
        let first = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        assert_eq!(format_instant(first), "1er décembre 2026 à 9 h 00");
        assert_eq!(format_month(day), "novembre 2026");
        // The hand-written French agrees with chrono's locale on every day of a year, but for
        // the first of the month, « 1er ».
        let mut day = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        while day.year() == 2027 {
            let chrono = |format: &str| {
                let written = day.format_localized(format, Locale::fr_FR).to_string();
                match day.day() {
                    1 => written.replacen(" 1 ", " 1er ", 1),
                    _ => written,
                }
            };
            assert_eq!(format_weekday_and_day(day), chrono("%A %-d %B %Y"));
            assert_eq!(format_weekday_day_and_month(day), chrono("%A %-d %B"));
            day = day.succ_opt().unwrap();
        }
        let nine_thirty = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
        let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
        assert_eq!(
            format_wall_clock_hours(nine_thirty, noon),
            "9 h 30 – 12 h 00"
        );
    }

    #[test]
    fn summer_and_winter_sessions_show_paris_wall_clock_times() {
        // 14:00 in Paris is 12:00Z in July (CEST) and 13:00Z in December (CET).
        let july = Utc.with_ymd_and_hms(2026, 7, 15, 12, 0, 0).unwrap();
        let december = Utc.with_ymd_and_hms(2026, 12, 10, 13, 0, 0).unwrap();
        assert_eq!(
            format_session_hours(july, july + chrono::Duration::hours(2)),
            "14 h 00 – 16 h 00"
        );
        assert_eq!(
            format_session_hours(december, december + chrono::Duration::minutes(150)),
            "14 h 00 – 16 h 30"
        );
    }

    #[test]
    fn dates_are_written_in_french() {
        let instant = Utc.with_ymd_and_hms(2026, 12, 15, 8, 30, 0).unwrap();
        assert_eq!(format_session_date(instant), "mardi 15 décembre 2026");
    }

    #[test]
    fn the_paris_date_wins_near_midnight() {
        // 23:30Z on 31 December is already 1 January in Paris.
        let instant = Utc.with_ymd_and_hms(2026, 12, 31, 23, 30, 0).unwrap();
        assert_eq!(format_session_date(instant), "vendredi 1er janvier 2027");
    }
}
