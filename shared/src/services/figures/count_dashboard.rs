//! The dashboard's counts, counted by the database: a year of France is ~500 k sessions, ~4.5 M
//! places and ~3.5 M attendance lines, too many rows to bring here (gigabytes of memory). Two
//! statements return a few hundred grouped rows whatever the size; they count by the definitions of
//! `domain::figures` (`count_facts` counts the same facts in Rust, and the tests compare both on
//! both databases).
//!
//! The two databases differ in one thing the counts need: PostgreSQL knows Paris time, SQLite
//! does not. A session's month, and its half-days (split at 13:00–13:30 Paris, or in the middle
//! past four hours, as `domain::half_days_of`), are read in Paris time; SQLite is given the
//! offsets of the period (`ParisOffsets`) and adds them itself.

use chrono::{DateTime, Duration, NaiveDate, Offset, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, QueryResult, Statement, Value};

use crate::ServiceError;
use crate::domain::{
    Actor, AttendanceCount, AttendanceGroup, AttendanceStatus, DashboardCounts, EnrolmentStatus,
    ExitOutcome, FiguresForm, FiguresQuery, Gender, HALF_DAY_MAX_MINUTES, MissionLocaleId, PARIS,
    ParticipantCounts, ParticipantGroup, SessionStatus, SheetState, Theme, programme_last_day,
};
use crate::services::figures::figures_records::{authorised_query, start_of};

/// The parts of the counting statement's result.
const SESSIONS: i64 = 0;
const PLACES: i64 = 1;
const ATTENDANCES: i64 = 2;
const YOUTHS_BY_GENDER: i64 = 3;
const YOUTHS_BY_THEME: i64 = 4;
const YOUTHS_BY_MONTH: i64 = 5;

/// The dashboard's counts for the period and scope asked (`view_dashboard` arranges them in
/// rows), for those who may see them.
pub async fn count_dashboard(
    db: &impl ConnectionTrait,
    actor: &Actor,
    form: &FiguresForm,
    now: DateTime<Utc>,
) -> Result<DashboardCounts, ServiceError> {
    let query = authorised_query(actor, form, now.with_timezone(&PARIS).date_naive())?;
    count_in_database(db, &query, now).await
}

/// Counts the dashboard of the query's scope and period: the sessions its Mission Locale (or
/// any) organised and held, their places and attendances, and the participants followed.
pub(crate) async fn count_in_database(
    db: &impl ConnectionTrait,
    query: &FiguresQuery,
    now: DateTime<Utc>,
) -> Result<DashboardCounts, ServiceError> {
    let mut counts = DashboardCounts {
        participants: count_participants(db, query).await?,
        ..DashboardCounts::default()
    };
    let backend = db.get_database_backend();
    let period_start = start_of(query.from);
    let period_end = start_of(query.to.succ_opt().unwrap_or(query.to));
    let paris = Paris {
        backend,
        offsets: ParisOffsets::between(
            period_start - Duration::days(1),
            period_end.max(now) + Duration::days(1),
        ),
    };
    let mut values: Vec<Value> = Vec::new();
    let held = held_sessions(&paris, query, period_start, period_end, now, &mut values);
    let attended = AttendanceStatus::ALL
        .iter()
        .filter(|status| status.attended())
        .map(|status| code(status.code()))
        .collect::<Vec<_>>()
        .join(", ");
    let registered = code(EnrolmentStatus::Registered.code());
    let gender = index_of_code(
        "y.gender",
        Gender::ALL.iter().map(|gender| gender.code()),
        Gender::ALL
            .iter()
            .position(|gender| *gender == Gender::Undisclosed)
            .unwrap_or_default(),
    );
    // One row per attended line (a youth's two half-days of a full day are one attendance: the
    // afternoon counts only without the morning); integer keys, because grouping by text is far
    // slower, and DISTINCT subqueries, which PostgreSQL hashes where COUNT(DISTINCT) sorts.
    let sql = format!(
        "WITH held AS MATERIALIZED ({held}), \
         pairs AS MATERIALIZED (\
           SELECT l.youth_id, h.theme, h.month, {gender} AS gender, \
             CASE WHEN e.youth_id IS NULL THEN 0 ELSE 1 END AS registered, \
             CASE l.half_day WHEN 0 THEN h.first_minutes WHEN 1 THEN h.second_minutes \
               ELSE 0 END AS minutes, \
             CASE WHEN l.half_day = 0 OR NOT EXISTS (SELECT 1 FROM attendance_lines m \
               WHERE m.session_id = l.session_id AND m.youth_id = l.youth_id \
                 AND m.half_day = 0 AND m.confirmed = true AND m.status IN ({attended})) \
               THEN 1 ELSE 0 END AS attendance \
           FROM attendance_lines l JOIN held h ON h.id = l.session_id \
           LEFT JOIN enrolments e ON e.session_id = l.session_id AND e.youth_id = l.youth_id \
             AND e.status = {registered} \
           LEFT JOIN youths y ON y.person_id = l.youth_id \
           WHERE l.confirmed = true AND l.status IN ({attended})) \
         SELECT CAST(part AS BIGINT), CAST(theme AS BIGINT), CAST(month AS BIGINT), \
           CAST(gender AS BIGINT), CAST(registered AS BIGINT), CAST(n AS BIGINT), \
           CAST(total AS BIGINT), CAST(extra AS BIGINT) FROM (\
         SELECT {SESSIONS} AS part, theme, month, 0 AS gender, 0 AS registered, COUNT(*) AS n, \
           SUM(capacity) AS total, SUM(sheet_open) AS extra \
           FROM held GROUP BY theme, month \
         UNION ALL SELECT {PLACES}, h.theme, h.month, 0, 0, COUNT(*), 0, 0 \
           FROM enrolments e JOIN held h ON h.id = e.session_id \
           WHERE e.status = {registered} GROUP BY h.theme, h.month \
         UNION ALL SELECT {ATTENDANCES}, theme, month, gender, registered, SUM(attendance), \
           SUM(minutes), 0 FROM pairs GROUP BY theme, month, gender, registered \
         UNION ALL SELECT {YOUTHS_BY_GENDER}, 0, 0, gender, 0, COUNT(*), 0, 0 \
           FROM (SELECT DISTINCT youth_id, gender FROM pairs) x GROUP BY gender \
         UNION ALL SELECT {YOUTHS_BY_THEME}, theme, 0, 0, 0, COUNT(*), 0, 0 \
           FROM (SELECT DISTINCT youth_id, theme FROM pairs) x GROUP BY theme \
         UNION ALL SELECT {YOUTHS_BY_MONTH}, 0, month, 0, 0, COUNT(*), 0, 0 \
           FROM (SELECT DISTINCT youth_id, month FROM pairs) x GROUP BY month) counted"
    );
    for row in db.query_all_raw(statement(backend, &sql, values)).await? {
        let number = |index| -> Result<i64, ServiceError> { Ok(row.try_get_by_index(index)?) };
        let count = |index| number(index).map(|value| u32::try_from(value).unwrap_or_default());
        let theme = Theme::ALL
            .get(usize::try_from(number(1)?).unwrap_or(usize::MAX))
            .copied()
            .unwrap_or(Theme::Other);
        let month_number = number(2)?;
        let month = (
            i32::try_from(month_number / 100).unwrap_or_default(),
            u32::try_from(month_number % 100).unwrap_or_default(),
        );
        let gender = Gender::ALL
            .get(usize::try_from(number(3)?).unwrap_or(usize::MAX))
            .copied()
            .unwrap_or(Gender::Undisclosed);
        match number(0)? {
            SESSIONS => {
                let held = counts.sessions.entry((theme, month)).or_default();
                held.sessions += count(5)?;
                held.capacity += count(6)?;
                held.sheets_not_closed += count(7)?;
            }
            PLACES => {
                counts
                    .sessions
                    .entry((theme, month))
                    .or_default()
                    .places_taken += count(5)?;
            }
            ATTENDANCES => {
                let group = AttendanceGroup {
                    theme,
                    month,
                    gender,
                    registered: number(4)? == 1,
                };
                let attended: &mut AttendanceCount = counts.attendances.entry(group).or_default();
                attended.attendances += count(5)?;
                attended.minutes += number(6)?;
            }
            YOUTHS_BY_GENDER => {
                // Each youth has one gender: the total is their sum.
                counts.youths_attending.total += count(5)?;
                *counts.youths_attending.by_gender.entry(gender).or_default() += count(5)?;
            }
            YOUTHS_BY_THEME => {
                *counts.youths_attending.by_theme.entry(theme).or_default() += count(5)?;
            }
            _ => {
                *counts.youths_attending.by_month.entry(month).or_default() += count(5)?;
            }
        }
    }
    Ok(counts)
}

/// The sessions held (published, started within the period, over by `now`, organised by the
/// query's Mission Locale or any): id, theme (its index in `Theme::ALL`), month (`YYYYMM`,
/// Paris), capacity, whether the sheet is still open (1/0), and the minutes of their first and
/// second half-days.
fn held_sessions(
    paris: &Paris,
    query: &FiguresQuery,
    period_start: DateTime<Utc>,
    period_end: DateTime<Utc>,
    now: DateTime<Utc>,
    values: &mut Vec<Value>,
) -> String {
    let local_start = paris.local("s.starts_at");
    let local_end = paris.local("s.ends_at");
    let whole = paris.minutes_between("s.starts_at", "s.ends_at");
    let lunch = paris.utc_at("local_start", "13:00:00");
    let after_lunch = paris.utc_at("local_start", "13:30:00");
    let (date, time) = (paris.date("local_start"), paris.time("local_start"));
    let split_at_lunch = format!(
        "{date} = {end_date} AND {time} < '13:00:00' AND {end_time} > '13:30:00'",
        end_date = paris.date("local_end"),
        end_time = paris.time("local_end"),
    );
    let morning = paris.minutes_between("starts_at", &lunch);
    let afternoon = paris.minutes_between(&after_lunch, "ends_at");
    let month = paris.month("local_start");
    let theme = index_of_code(
        "w.theme",
        Theme::ALL.iter().map(|theme| theme.code()),
        Theme::ALL
            .iter()
            .position(|theme| *theme == Theme::Other)
            .unwrap_or_default(),
    );
    let published = code(SessionStatus::Published.code());
    // Bound in the order they appear.
    let from = bind(values, period_start);
    let until = bind(values, period_end);
    let over = bind(values, now);
    let organiser = match query.mission_locale_id {
        Some(id) => format!(" AND s.mission_locale_id = {}", bind(values, id.get())),
        None => String::new(),
    };
    let open = code(SheetState::Open.code());
    let longest = HALF_DAY_MAX_MINUTES;
    format!(
        "SELECT t.id, {theme} AS theme, {month} AS month, t.capacity, \
           CASE WHEN sh.state IS NULL OR sh.state = {open} THEN 1 ELSE 0 END AS sheet_open, \
           CASE WHEN {split_at_lunch} THEN {morning} \
             WHEN whole > {longest} THEN whole / 2 ELSE whole END AS first_minutes, \
           CASE WHEN {split_at_lunch} THEN {afternoon} \
             WHEN whole > {longest} THEN whole - whole / 2 ELSE 0 END AS second_minutes \
         FROM (SELECT s.id, s.workshop_type_id, s.capacity, s.starts_at, s.ends_at, \
             {local_start} AS local_start, {local_end} AS local_end, {whole} AS whole \
           FROM workshop_sessions s \
           WHERE s.status = {published} AND s.starts_at >= {from} AND s.starts_at < {until} \
             AND s.ends_at <= {over}{organiser}) t \
         JOIN workshop_types w ON w.id = t.workshop_type_id \
         LEFT JOIN attendance_sheets sh ON sh.session_id = t.id"
    )
}

/// The participants of the query's scope (the youths whose referent is of its Mission Locale,
/// or all) whose programme overlaps the period, per referent's Mission Locale, gender,
/// contactability and exit within the period.
async fn count_participants(
    db: &impl ConnectionTrait,
    query: &FiguresQuery,
) -> Result<ParticipantCounts, ServiceError> {
    let backend = db.get_database_backend();
    let mut values = Vec::new();
    // Bound in the order they appear.
    let until = bind(&mut values, query.to);
    let to = bind(&mut values, query.to);
    let from = bind(&mut values, query.from);
    let entered_since = bind(&mut values, first_entry_still_in_programme(query.from));
    let scope = match query.mission_locale_id {
        Some(id) => format!(
            " AND st.mission_locale_id = {}",
            bind(&mut values, id.get())
        ),
        None => String::new(),
    };
    let filled = |column: &str| format!("TRIM(COALESCE({column}, '')) <> ''");
    let sql = format!(
        "SELECT st.mission_locale_id, y.gender, \
           CASE WHEN {phone} OR {email} OR m.had_phone OR m.had_email THEN 1 ELSE 0 END, \
           CASE WHEN y.programme_exit_date <= {until} THEN y.exit_outcome END, \
           CAST(COUNT(*) AS BIGINT) \
         FROM youths y \
         LEFT JOIN people p ON p.id = y.person_id \
         LEFT JOIN staff_members st ON st.person_id = y.referent_id \
         LEFT JOIN minimisations m ON m.youth_id = y.person_id \
         WHERE y.programme_entry_date <= {to} AND (y.programme_exit_date >= {from} \
           OR (y.programme_exit_date IS NULL AND y.programme_entry_date >= {entered_since})){scope} \
         GROUP BY 1, 2, 3, 4",
        phone = filled("p.phone"),
        email = filled("p.email"),
    );
    let mut counts = ParticipantCounts::new();
    for row in db.query_all_raw(statement(backend, &sql, values)).await? {
        let mission_locale_id: Option<i32> = row.try_get_by_index(0)?;
        let reachable: i32 = row.try_get_by_index(2)?;
        let outcome: Option<String> = row.try_get_by_index(3)?;
        let count: i64 = row.try_get_by_index(4)?;
        *counts
            .entry(ParticipantGroup {
                mission_locale_id: mission_locale_id.map(MissionLocaleId::new),
                gender: gender_of_column(&row, 1)?,
                reachable: reachable == 1,
                exit_outcome: outcome.and_then(|code| ExitOutcome::parse(&code).ok()),
            })
            .or_default() += u32::try_from(count).unwrap_or_default();
    }
    Ok(counts)
}

/// The first entry day whose programme, without an exit, lasts into `from` (twelve months from
/// the entry, as `programme_last_day`).
fn first_entry_still_in_programme(from: NaiveDate) -> NaiveDate {
    let mut entry = from - Duration::days(400);
    while entry < from && programme_last_day(entry, None) < from {
        entry += Duration::days(1);
    }
    entry
}

/// `CASE column WHEN 'code' THEN index … ELSE otherwise END`: stored codes as their index.
fn index_of_code<'a>(
    column: &str,
    codes: impl Iterator<Item = &'a str>,
    otherwise: usize,
) -> String {
    let mut sql = format!("CASE {column}");
    for (index, code) in codes.enumerate() {
        sql.push_str(&format!(" WHEN '{code}' THEN {index}"));
    }
    sql.push_str(&format!(" ELSE {otherwise} END"));
    sql
}

/// A youth's gender as stored; anything else is undisclosed (as `PeriodRecords::gender_of`).
fn gender_of_column(row: &QueryResult, index: usize) -> Result<Gender, ServiceError> {
    let code: Option<String> = row.try_get_by_index(index)?;
    Ok(code
        .and_then(|code| Gender::parse(&code).ok())
        .unwrap_or(Gender::Undisclosed))
}

/// Adds a value and returns its placeholder (`?`, numbered for PostgreSQL by `statement`):
/// values are bound in the order of their placeholders in the text.
fn bind(values: &mut Vec<Value>, value: impl Into<Value>) -> &'static str {
    values.push(value.into());
    "?"
}

/// A stored code (`published`) written in the statement: ours, never typed by anyone.
fn code(code: &'static str) -> String {
    format!("'{code}'")
}

/// The statement with PostgreSQL's numbered placeholders where it needs them.
fn statement(backend: DatabaseBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = match backend {
        DatabaseBackend::Postgres => {
            let mut numbered = String::with_capacity(sql.len() + 64);
            let mut next = 0;
            for character in sql.chars() {
                if character == '?' {
                    next += 1;
                    numbered.push_str(&format!("${next}"));
                } else {
                    numbered.push(character);
                }
            }
            numbered
        }
        _ => sql.to_owned(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

/// Paris time in SQL, for one database.
struct Paris {
    backend: DatabaseBackend,
    offsets: ParisOffsets,
}

impl Paris {
    fn postgres(&self) -> bool {
        self.backend == DatabaseBackend::Postgres
    }

    /// The Paris wall-clock time of a UTC column.
    fn local(&self, column: &str) -> String {
        if self.postgres() {
            format!("({column} AT TIME ZONE 'Europe/Paris')")
        } else {
            let offset = self.offsets.minutes_at(&format!("unixepoch({column})"));
            format!("datetime({column}, ({offset}) || ' minutes')")
        }
    }

    /// The UTC instant of `time` (Paris) on the day of a Paris wall-clock time.
    fn utc_at(&self, local: &str, time: &str) -> String {
        if self.postgres() {
            format!("((CAST({local} AS DATE) + TIME '{time}') AT TIME ZONE 'Europe/Paris')")
        } else {
            // Paris changes its offset at 01:00 UTC: at 11:00 UTC it has its afternoon's.
            let offset = self
                .offsets
                .minutes_at(&format!("unixepoch(date({local}) || ' 11:00:00')"));
            format!("datetime(date({local}) || ' {time}', (-({offset})) || ' minutes')")
        }
    }

    /// Whole minutes from one instant to another, truncated as `chrono::Duration::num_minutes`.
    fn minutes_between(&self, from: &str, to: &str) -> String {
        if self.postgres() {
            format!("CAST(TRUNC(EXTRACT(EPOCH FROM ({to} - {from})) / 60) AS BIGINT)")
        } else {
            format!("((unixepoch({to}) - unixepoch({from})) / 60)")
        }
    }

    /// `202612`: the year and month as one number.
    fn month(&self, local: &str) -> String {
        if self.postgres() {
            format!(
                "CAST(EXTRACT(YEAR FROM {local}) * 100 + EXTRACT(MONTH FROM {local}) AS INTEGER)"
            )
        } else {
            format!("CAST(strftime('%Y%m', {local}) AS INTEGER)")
        }
    }

    fn date(&self, local: &str) -> String {
        if self.postgres() {
            format!("CAST({local} AS DATE)")
        } else {
            format!("date({local})")
        }
    }

    fn time(&self, local: &str) -> String {
        if self.postgres() {
            format!("CAST({local} AS TIME)")
        } else {
            format!("time({local})")
        }
    }
}

/// Paris's offset from UTC over a stretch of time: at its start, then from each change on.
struct ParisOffsets {
    first: i32,
    /// (Unix seconds, offset in minutes from then on).
    changes: Vec<(i64, i32)>,
}

impl ParisOffsets {
    fn between(start: DateTime<Utc>, end: DateTime<Utc>) -> ParisOffsets {
        let offset = |at: DateTime<Utc>| {
            PARIS
                .offset_from_utc_datetime(&at.naive_utc())
                .fix()
                .local_minus_utc()
                / 60
        };
        let first = offset(start);
        let mut changes = Vec::new();
        let mut current = first;
        let mut hour = start;
        while hour < end {
            hour += Duration::hours(1);
            let now = offset(hour);
            if now != current {
                // Changes fall on the hour (01:00 UTC); the instant is within the last hour.
                let mut at = hour - Duration::hours(1);
                while offset(at) == current {
                    at += Duration::minutes(1);
                }
                changes.push((at.timestamp(), now));
                current = now;
            }
        }
        ParisOffsets { first, changes }
    }

    /// The offset at an instant given in Unix seconds, as a SQL expression (numbers of ours,
    /// written in the statement).
    fn minutes_at(&self, seconds: &str) -> String {
        if self.changes.is_empty() {
            return self.first.to_string();
        }
        let mut sql = format!("CASE WHEN {seconds} < ");
        let mut previous = self.first;
        for (index, (at, offset)) in self.changes.iter().enumerate() {
            if index > 0 {
                sql.push_str(&format!(" WHEN {seconds} < "));
            }
            sql.push_str(&format!("{at} THEN {previous}"));
            previous = *offset;
        }
        sql.push_str(&format!(" ELSE {previous} END"));
        sql
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paris_changes_its_offset_twice_a_year_at_one_in_the_morning_utc() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().to_utc();
        let offsets = ParisOffsets::between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        assert_eq!(offsets.first, 60);
        assert_eq!(
            offsets.changes,
            [
                (at("2026-03-29T01:00:00Z").timestamp(), 120),
                (at("2026-10-25T01:00:00Z").timestamp(), 60),
            ]
        );
    }

    #[test]
    fn a_programme_without_exit_lasts_twelve_months() {
        let day = |text| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let from = day("2026-03-01");
        let first = first_entry_still_in_programme(from);
        assert_eq!(first, day("2025-03-02"));
        assert!(programme_last_day(first, None) >= from);
        assert!(programme_last_day(first - Duration::days(1), None) < from);
    }
}
