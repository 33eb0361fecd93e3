//! National-scale benchmark (not a timed test, not in `make test`), PostgreSQL only: the demo,
//! then a year of every Mission Locale of France generated inside PostgreSQL with batched
//! `INSERT … SELECT … FROM generate_series` (1 M youths, 500 k sessions, ~4.5 M places, ~3.5 M
//! attendance lines, at `NATIONAL_SCALE=1`, in ~5 minutes), then the pages people wait for,
//! asked over HTTP on loopback as their users: a youth's home, one Mission Locale's agenda for a month, its year of
//! funder exports, the federation dashboard, and enrolments (also measured on the demo-size
//! database first, in the same run). Each figure is measured twice on the same data: without
//! the national-scale indexes (`migrations::national_scale_indexes`, dropped), then with them.
//!
//! `cargo bench -p ateliers-server --bench national_scale`
//!
//! - `NATIONAL_SCALE=0.01`: a hundredth of France (a quick run; the default is 1).
//! - `NATIONAL_SCALE_KEEP_DATABASE=1`: keeps the database afterwards and prints its URL, for
//!   `psql` and `EXPLAIN`.
//! - `NATIONAL_SCALE_KEEP_DATABASE=only`: generates and keeps the database (with its indexes),
//!   without measuring anything (~4 minutes).

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test stops at its first surprise"
)]

#[path = "../tests/api/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use app::server_fns::{EnrolInSession, ViewDashboard};
use chrono::{DateTime, NaiveDate, Utc};
use futures::StreamExt;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, NotSet,
    QueryFilter, QueryOrder, Set, Statement,
};
use shared::domain::{
    AttendanceStatus, Audience, EnrolmentMethod, EnrolmentStatus, MissionLocaleId, PersonId,
    SessionId, SessionStatus, SheetState,
};
use shared::entities::{staff_member, workshop_session, workshop_type};
use support::{Backend, Seed, TestApp, server_fn_path};

/// France has about 430 Missions Locales; the demo brings 10.
const MISSIONS_LOCALES: f64 = 420.0;
const YOUTHS: f64 = 1_000_000.0;
const SESSIONS: f64 = 500_000.0;
const COUNSELLORS_PER_MISSION_LOCALE: i64 = 15;
/// Youths enter the programme over this many days before today, evenly.
const ENTRIES_SPAN_DAYS: i64 = 560;
/// Sessions from this many days ago…
const SESSIONS_FROM_DAYS: i64 = 335;
/// …over a year: the last month ahead is planned already.
const SESSIONS_SPAN_DAYS: i64 = 365;

/// Enrolments: sessions of this many seats, one youth each, so many at once.
const ENROLMENT_SESSIONS: usize = 10;
const ENROLMENT_SEATS: i32 = 20;
const ENROLMENTS_AT_ONCE: usize = 10;

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let scale: f64 = std::env::var("NATIONAL_SCALE")
        .ok()
        .filter(|value| !value.is_empty())
        .map(|value| value.parse().expect("NATIONAL_SCALE: a number, e.g. 0.01"))
        .unwrap_or(1.0);
    let Some(app) = support::spawn_app("national_scale", Backend::Postgres, Seed::Demo).await
    else {
        println!("national_scale: skipped (PostgreSQL unreachable)");
        return;
    };
    let started = Instant::now();
    let coordinator = staff_member::Entity::find()
        .filter(staff_member::Column::Role.eq("coordinator"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .person_id;
    let coordinator = app.session_for(coordinator).await;

    // The reference: enrolments on the demo-size database, before anything is generated.
    let demo_ml = workshop_session::Entity::find()
        .order_by_asc(workshop_session::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .mission_locale_id;
    let demo_enrolments = measure_enrolments(&app, demo_ml, None, 0).await;

    let generated = generate(&app.db, scale).await;
    let target = generated.first_mission_locale;
    if std::env::var("NATIONAL_SCALE_KEEP_DATABASE").is_ok_and(|value| value == "only") {
        println!("\nKept: psql {}", app.database_url());
        // Forgetting the app keeps its database (its guard would drop it).
        std::mem::forget(app);
        return;
    }

    let mut before = Vec::new();
    let mut after = Vec::new();
    for (with_indexes, figures) in [(false, &mut before), (true, &mut after)] {
        set_indexes(&app.db, with_indexes).await;
        println!(
            "\n— {} the national-scale indexes —",
            if with_indexes { "With" } else { "Without" }
        );
        figures.extend(measure(&app, &coordinator, target, with_indexes).await);
    }

    println!(
        "\nNATIONAL_SCALE={scale}: {} youths, {} sessions, {} places, {} attendance lines; generated in {:.0} s, whole run {:.0} s",
        count(&app.db, "youths").await,
        count(&app.db, "workshop_sessions").await,
        count(&app.db, "enrolments").await,
        count(&app.db, "attendance_lines").await,
        generated.seconds,
        started.elapsed().as_secs_f64()
    );
    println!(
        "{:<52} {:>22} {:>22}  goal",
        "figure", "without indexes", "with indexes"
    );
    println!(
        "{:<52} {:>22} {:>22}  (demo-size database, same run)",
        "enrolment (HTTP, 10 at once)",
        demo_enrolments.summary(),
        ""
    );
    for (without, with) in before.iter().zip(&after) {
        println!(
            "{:<52} {:>22} {:>22}  {}",
            with.what,
            without.summary(),
            with.summary(),
            with.goal
        );
    }
    if std::env::var("NATIONAL_SCALE_KEEP_DATABASE").is_ok_and(|value| !value.is_empty()) {
        println!("\nKept: psql {}", app.database_url());
        // Forgetting the app keeps its database (its guard would drop it).
        std::mem::forget(app);
    }
}

/// One figure: the latencies of its requests.
struct Figure {
    what: String,
    goal: &'static str,
    times: Vec<Duration>,
    failures: usize,
}

impl Figure {
    fn summary(&self) -> String {
        let mut times = self.times.clone();
        times.sort();
        let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
        let p99 = times[((times.len() as f64 * 0.99).ceil() as usize).saturating_sub(1)];
        let failures = if self.failures > 0 {
            format!(" ({} not 200)", self.failures)
        } else {
            String::new()
        };
        format!(
            "{:.0} / {:.0} ms ×{}{failures}",
            ms(times[times.len() / 2]),
            ms(p99),
            times.len()
        )
    }

    fn print(&self) {
        println!(
            "{}: median / p99 {} (goal {})",
            self.what,
            self.summary(),
            self.goal
        );
    }
}

/// What the generator made that the measures need.
struct Generated {
    first_mission_locale: MissionLocaleId,
    seconds: f64,
}

async fn measure(
    app: &TestApp,
    coordinator: &str,
    target: MissionLocaleId,
    second_pass: bool,
) -> Vec<Figure> {
    let today = support::today();
    let mut figures = Vec::new();

    // A youth's home: many youths in the programme, each signed in, one visit each.
    let youths = youths_in_programme(&app.db, None, 200, if second_pass { 1 } else { 0 }).await;
    let mut tokens = Vec::new();
    for youth in &youths {
        tokens.push(app.session_for(*youth).await);
    }
    let figure = timed(
        "youth's home /accueil (different youths)",
        "p99 ≤ 50 ms",
        &tokens,
        Duration::from_secs(60),
        |token| async move { app.get_as("/accueil", Some(token)).await },
    )
    .await;
    figure.print();
    figures.push(figure);

    // One Mission Locale's agenda for this month, as one of its counsellors.
    let counsellor = staff_member::Entity::find()
        .filter(staff_member::Column::MissionLocaleId.eq(target))
        .order_by_asc(staff_member::Column::PersonId)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .person_id;
    let counsellor = app.session_for(counsellor).await;
    let agenda = format!("/agenda?vue=mois&du={today}&ml={target}");
    let figure = timed(
        "agenda of one Mission Locale, month (/agenda?vue=mois)",
        "≤ 100 ms",
        &vec![counsellor.clone(); 20],
        Duration::from_secs(60),
        |token| {
            let agenda = &agenda;
            async move { app.get_as(agenda, Some(token)).await }
        },
    )
    .await;
    figure.print();
    figures.push(figure);

    // One Mission Locale's year of funder exports.
    let year = format!(
        "ml={target}&du={}&au={today}",
        today - chrono::Duration::days(364)
    );
    for export in [
        "participants.csv",
        "presences.csv",
        "participants.xlsx",
        "presences.xlsx",
    ] {
        let path = format!("/chiffres/{export}?{year}");
        let figure = timed(
            &format!("funder export, one ML, a year: {export}"),
            "≤ 2 s",
            &vec![coordinator.to_owned(); 5],
            Duration::from_secs(60),
            |token| {
                let path = &path;
                async move { app.get_as(path, Some(token)).await }
            },
        )
        .await;
        figure.print();
        figures.push(figure);
    }

    // The federation dashboard: the server function and the page.
    let form = [
        ("form[mission_locale]", String::new()),
        ("form[from]", String::new()),
        ("form[to]", String::new()),
    ];
    let figure = timed(
        "federation dashboard (ViewDashboard)",
        "≤ 1 s",
        &vec![coordinator.to_owned(); 5],
        Duration::from_secs(90),
        |token| {
            let form = &form;
            async move {
                app.call(server_fn_path::<ViewDashboard>(), form, Some(token))
                    .await
            }
        },
    )
    .await;
    figure.print();
    figures.push(figure);
    let figure = timed(
        "federation dashboard (page /chiffres)",
        "≤ 1 s",
        &vec![coordinator.to_owned(); 5],
        Duration::from_secs(90),
        |token| async move { app.get_as("/chiffres", Some(token)).await },
    )
    .await;
    figure.print();
    figures.push(figure);

    // Enrolments by youths of the Mission Locale, into new sessions with free seats.
    let figure =
        measure_enrolments(app, target, Some(target), if second_pass { 2 } else { 1 }).await;
    figure.print();
    figures.push(figure);
    figures
}

/// Sends one request per item of `inputs`, one at a time, until they are all sent or `budget`
/// is spent (at least two are timed), and times each to its last byte.
async fn timed<'a, F, Fut>(
    what: &str,
    goal: &'static str,
    inputs: &'a [String],
    budget: Duration,
    request: F,
) -> Figure
where
    F: Fn(&'a str) -> Fut,
    Fut: std::future::Future<Output = reqwest::Response>,
{
    let mut times = Vec::new();
    let mut failures = 0;
    // A first request warms the caches (and the pool); it counts only when it is slow enough
    // (seconds) for a warm cache not to matter: the full-size dashboard takes long.
    let start = Instant::now();
    let warm = request(&inputs[0]).await;
    let warm_ok = warm.status() == 200;
    warm.bytes().await.unwrap();
    if start.elapsed() > Duration::from_secs(5) {
        times.push(start.elapsed());
        failures += usize::from(!warm_ok);
    }
    let started = Instant::now();
    for input in &inputs[1..] {
        if times.len() >= 2 && started.elapsed() > budget {
            break;
        }
        let start = Instant::now();
        let response = request(input).await;
        if response.status() != 200 {
            failures += 1;
        }
        response.bytes().await.unwrap();
        times.push(start.elapsed());
    }
    Figure {
        what: what.to_owned(),
        goal,
        times,
        failures,
    }
}

/// Youths of `mission_locale` (or any) in the programme today and for the next weeks, with no
/// place yet at the benchmark's sessions: `limit` of them, the `round`-th slice.
async fn youths_in_programme(
    db: &DatabaseConnection,
    mission_locale: Option<MissionLocaleId>,
    limit: u64,
    round: u64,
) -> Vec<PersonId> {
    let today = support::today();
    let of_mission_locale = match mission_locale {
        Some(id) => format!(
            "AND y.referent_id IN (SELECT person_id FROM staff_members WHERE mission_locale_id = {id})"
        ),
        None => String::new(),
    };
    // Spread over the table rather than its first rows: different youths, different pages.
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            format!(
                "SELECT y.person_id FROM youths y JOIN people p ON p.id = y.person_id \
                 WHERE y.programme_exit_date IS NULL AND p.archived_at IS NULL \
                 AND y.programme_entry_date BETWEEN DATE '{today}' - 300 AND DATE '{today}' \
                 {of_mission_locale} \
                 ORDER BY hashint4(y.person_id + {round}) LIMIT {limit}"
            ),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|row| PersonId::new(row.try_get_by_index::<i32>(0).unwrap()))
        .collect()
}

/// Enrolments by youths (of `youths_of`, or any), each into one of new sessions of
/// `mission_locale` with free seats,
/// `ENROLMENTS_AT_ONCE` at a time, over HTTP.
async fn measure_enrolments(
    app: &TestApp,
    mission_locale: MissionLocaleId,
    youths_of: Option<MissionLocaleId>,
    round: i64,
) -> Figure {
    let template = workshop_session::Entity::find()
        .filter(workshop_session::Column::Status.eq(SessionStatus::Published))
        .order_by_asc(workshop_session::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // After the demo's weeks and the generated month ahead, one after the other.
    let first = support::dates::paris(
        support::dates::clear_of_demo() + chrono::Duration::days(7 * round),
        8,
        0,
    );
    let mut sessions = Vec::new();
    for index in 0..ENROLMENT_SESSIONS {
        let mut copy: workshop_session::ActiveModel = template.clone().into();
        copy.id = NotSet;
        copy.mission_locale_id = Set(mission_locale);
        copy.starts_at = Set(first + chrono::Duration::hours(index as i64));
        copy.ends_at = Set(first + chrono::Duration::minutes(index as i64 * 60 + 50));
        copy.capacity = Set(ENROLMENT_SEATS);
        copy.room_id = Set(None);
        copy.venue_name = Set("Salle de banc d'essai".into());
        copy.series_id = Set(None);
        copy.audience = Set(Audience::FEDERATION.to_owned());
        copy.enrolment_opens_days_before = Set(None);
        sessions.push(copy.insert(&app.db).await.unwrap().id);
    }
    let youths = youths_in_programme(
        &app.db,
        youths_of,
        (ENROLMENT_SESSIONS as i32 * ENROLMENT_SEATS) as u64,
        round as u64 * 7,
    )
    .await;
    let mut requests: Vec<(SessionId, String)> = Vec::new();
    for (index, youth) in youths.iter().enumerate() {
        requests.push((
            sessions[index % sessions.len()],
            app.session_for(*youth).await,
        ));
    }
    let path = server_fn_path::<EnrolInSession>();
    let results: Vec<(u16, Duration)> = futures::stream::iter(requests.iter())
        .map(|(session, token)| async move {
            let sent = Instant::now();
            let response = app
                .call(path, &[("session_id", session.to_string())], Some(token))
                .await;
            let status = response.status().as_u16();
            let _ = response.bytes().await;
            (status, sent.elapsed())
        })
        .buffer_unordered(ENROLMENTS_AT_ONCE)
        .collect()
        .await;
    Figure {
        what: format!("enrolment (HTTP, {ENROLMENTS_AT_ONCE} at once)"),
        goal: "p99 as on the demo",
        failures: results.iter().filter(|(status, _)| *status != 200).count(),
        times: results.into_iter().map(|(_, time)| time).collect(),
    }
}

/// Drops the national-scale indexes, or creates them again, then refreshes the statistics.
async fn set_indexes(db: &DatabaseConnection, present: bool) {
    let backend = db.get_database_backend();
    let started = Instant::now();
    if present {
        for index in migrations::national_scale_indexes() {
            db.execute_raw(backend.build(&index)).await.unwrap();
        }
    } else {
        for (name, _) in migrations::national_scale_index_names() {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await
                .unwrap();
        }
    }
    db.execute_unprepared("ANALYZE").await.unwrap();
    println!(
        "{} the national-scale indexes and ANALYZE: {:.1} s",
        if present { "Created" } else { "Dropped" },
        started.elapsed().as_secs_f64()
    );
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    scalar(db, &format!("SELECT COUNT(*) FROM {table}")).await
}

async fn scalar(db: &DatabaseConnection, sql: &str) -> i64 {
    db.query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
}

/// Runs one step of the generator and says how long it took and how many rows it wrote.
async fn step(db: &DatabaseConnection, what: &str, sql: &str) {
    let started = Instant::now();
    let rows = db
        .execute_unprepared(sql)
        .await
        .unwrap_or_else(|error| panic!("{what}: {error}\n{sql}"))
        .rows_affected();
    println!(
        "  {what}: {rows} rows in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// A year of every Mission Locale of France, at `scale`, after the demo: each table filled by
/// one or two `INSERT … SELECT` run by PostgreSQL itself (a round trip per table, not per row).
/// Ids of the rows others point to are given explicitly (after the demo's), so that each step
/// finds the rows of the previous ones by arithmetic; the sequences are moved past them at the
/// end.
async fn generate(db: &DatabaseConnection, scale: f64) -> Generated {
    let started = Instant::now();
    let now: DateTime<Utc> = support::now();
    let today: NaiveDate = support::today();
    let missions_locales = ((MISSIONS_LOCALES * scale).round() as i64).max(1);
    let youths = ((YOUTHS * scale).round() as i64).max(missions_locales * 40);
    let sessions = ((SESSIONS * scale).round() as i64).max(missions_locales * 20);
    // Youths per Mission Locale (the first few have one more).
    let per_ml = youths / missions_locales;
    let counsellors = COUNSELLORS_PER_MISSION_LOCALE;
    println!(
        "Generating {missions_locales} Missions Locales, {youths} youths, {sessions} sessions (NATIONAL_SCALE={scale}):"
    );

    let ml0 = scalar(
        db,
        "SELECT COALESCE(MAX(id), 0)::bigint FROM missions_locales",
    )
    .await;
    let site0 = scalar(db, "SELECT COALESCE(MAX(id), 0)::bigint FROM sites").await;
    let room0 = scalar(db, "SELECT COALESCE(MAX(id), 0)::bigint FROM rooms").await;
    let person0 = scalar(db, "SELECT COALESCE(MAX(id), 0)::bigint FROM people").await;
    let session0 = scalar(
        db,
        "SELECT COALESCE(MAX(id), 0)::bigint FROM workshop_sessions",
    )
    .await;
    // Counsellor c (1-based) of Mission Locale m (1-based), and youth g (1-based).
    let counsellor = |m: &str, c: &str| format!("({person0} + ({m} - 1) * {counsellors} + {c})");
    let youth0 = person0 + missions_locales * counsellors;
    let workshops: Vec<(i32, i32)> = workshop_type::Entity::find()
        .filter(workshop_type::Column::ArchivedAt.is_null())
        .order_by_asc(workshop_type::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|workshop| (workshop.id.get(), workshop.default_duration_minutes))
        .collect();
    let workshop_ids = workshops
        .iter()
        .map(|(id, _)| id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let durations = workshops
        .iter()
        .map(|(_, minutes)| minutes.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let now = format!("TIMESTAMPTZ '{}'", now.to_rfc3339());
    let today = format!("DATE '{today}'");
    let first_names = "ARRAY['Inès','Yanis','Léa','Mohamed','Chloé','Lucas','Aïcha','Enzo','Sarah','Kevin','Fatou','Hugo','Manon','Bilal','Camille','Théo']";
    let last_names = "ARRAY['Martin','Bernard','Diallo','Petit','Traoré','Moreau','Nguyen','Lefebvre','Benali','Garcia','Roux','Fontaine','Cissé','Mercier','Lambert','Haddad']";

    step(
        db,
        "missions_locales",
        &format!(
            "INSERT INTO missions_locales (id, name, city) \
             SELECT {ml0} + m, 'Mission Locale n° ' || m, 'Ville ' || m \
             FROM generate_series(1, {missions_locales}) m"
        ),
    )
    .await;
    step(
        db,
        "sites (2 per Mission Locale)",
        &format!(
            "INSERT INTO sites (id, mission_locale_id, name, address, opening_hours, \
             step_free_access, lift, hearing_loop, accessibility_notes) \
             SELECT {site0} + (m - 1) * 2 + k, {ml0} + m, 'Antenne ' || k, \
             k || ' rue de la République, Ville ' || m, 'Du lundi au vendredi, 9 h – 17 h', \
             true, k = 1, false, '' \
             FROM generate_series(1, {missions_locales}) m, generate_series(1, 2) k"
        ),
    )
    .await;
    step(
        db,
        "rooms (3 per site)",
        &format!(
            "INSERT INTO rooms (id, site_id, name, capacity) \
             SELECT {room0} + (m - 1) * 6 + (k - 1) * 3 + r, {site0} + (m - 1) * 2 + k, \
             'Salle ' || r, 12 + 4 * r \
             FROM generate_series(1, {missions_locales}) m, generate_series(1, 2) k, \
             generate_series(1, 3) r"
        ),
    )
    .await;
    step(
        db,
        "people: counsellors",
        &format!(
            "INSERT INTO people (id, first_name, last_name, email, phone, created_at) \
             SELECT {}, ({first_names})[1 + (m * 7 + c) % 16], ({last_names})[1 + (m + c * 5) % 16], \
             'conseiller.' || m || '.' || c || '@national.example', NULL, {now} \
             FROM generate_series(1, {missions_locales}) m, generate_series(1, {counsellors}) c",
            counsellor("m", "c")
        ),
    )
    .await;
    step(
        db,
        "staff_members: counsellors",
        &format!(
            "INSERT INTO staff_members (person_id, role, mission_locale_id, \
             disability_specialist, justice_specialist, password_hash) \
             SELECT {}, 'counsellor', {ml0} + m, c = 1, c = 2, NULL \
             FROM generate_series(1, {missions_locales}) m, generate_series(1, {counsellors}) c",
            counsellor("m", "c")
        ),
    )
    .await;
    // Youth g belongs to Mission Locale 1 + (g - 1) % M, as its j-th youth (j = (g - 1) / M);
    // the j-th entered the programme j / per_ml of the way through the last 560 days, so
    // sessions find the youths in the programme on their day by arithmetic too.
    let youth_rows = format!(
        "SELECT g, 1 + (g - 1) % {missions_locales} AS m, (g - 1) / {missions_locales} AS j, \
         {today} - {ENTRIES_SPAN_DAYS} + ((g - 1) / {missions_locales}) * {ENTRIES_SPAN_DAYS} / {per_ml} AS entry \
         FROM generate_series(1, {youths}) g"
    );
    step(
        db,
        "people: youths",
        &format!(
            "INSERT INTO people (id, first_name, last_name, email, phone, created_at) \
             SELECT {youth0} + g, ({first_names})[1 + g % 16], ({last_names})[1 + (g / 16) % 16], \
             CASE WHEN g % 5 <> 0 THEN 'jeune.' || g || '@national.example' END, \
             CASE WHEN g % 7 <> 0 THEN '+336' || lpad(((g::bigint * 7919) % 100000000)::text, 8, '0') END, \
             {now} FROM generate_series(1, {youths}) g"
        ),
    )
    .await;
    step(
        db,
        "youths",
        &format!(
            "INSERT INTO youths (person_id, referent_id, date_of_birth, gender, \
             programme_entry_date, programme_exit_date, exit_outcome, disability_recognised, \
             judicial_supervision, version) \
             SELECT {youth0} + g, {}, \
             {today} - make_interval(years => 18 + g % 6, days => g % 300)::interval, \
             CASE WHEN g % 17 = 0 THEN 'undisclosed' WHEN g % 2 = 0 THEN 'female' ELSE 'male' END, \
             entry, exit, CASE WHEN exit IS NOT NULL THEN \
             (ARRAY['employment','training','return_to_education','other','dropout'])[1 + g % 5] END, \
             g % 40 = 0, g % 90 = 0, 0 \
             FROM (SELECT *, CASE WHEN entry < {today} - 200 AND g % 10 < 4 \
             THEN LEAST(entry + 200 + g % 150, {today} - 1) END AS exit FROM ({youth_rows}) r) y",
            counsellor("m", &format!("1 + j % {counsellors}"))
        ),
    )
    .await;
    // Sessions on weekdays from 335 days ago to a month ahead, at 9:00–10:00 or 14:00–14:30
    // (they end by 13:00 or 17:30: one half-day each), mostly in one of the Mission Locale's six
    // rooms, a tenth outside; 5 % cancelled; 30 % open to the whole federation.
    step(
        db,
        "workshop_sessions",
        &format!(
            "INSERT INTO workshop_sessions (id, workshop_type_id, mission_locale_id, starts_at, \
             ends_at, room_id, venue_name, venue_address, capacity, status, audience, \
             enrolment_opens_days_before, cancellation_reason) \
             SELECT id, (ARRAY[{workshop_ids}])[t], {ml0} + m, starts_at, \
             starts_at + make_interval(mins => (ARRAY[{durations}])[t]), \
             CASE WHEN outside THEN NULL ELSE {room0} + (m - 1) * 6 + room END, \
             CASE WHEN outside THEN 'Médiathèque municipale' ELSE '' END, \
             CASE WHEN outside THEN '1 place de la Mairie, Ville ' || m ELSE '' END, \
             capacity, CASE WHEN cancelled THEN '{cancelled}' ELSE '{published}' END, \
             CASE WHEN federation THEN '{federation}' ELSE '{mission_locale}' END, 21, \
             CASE WHEN cancelled THEN 'Intervenant·e indisponible' END \
             FROM (SELECT {session0} + g AS id, 1 + (g - 1) % {missions_locales} AS m, \
             ((day + CASE extract(isodow FROM day) WHEN 6 THEN -1 WHEN 7 THEN -2 ELSE 0 END) \
             + (ARRAY[TIME '09:00', TIME '09:30', TIME '10:00', TIME '14:00', TIME '14:30'])[1 + floor(random() * 5)::int]) \
             AT TIME ZONE 'Europe/Paris' AS starts_at, \
             1 + floor(random() * {workshop_count})::int AS t, random() < 0.1 AS outside, \
             1 + floor(random() * 6)::int AS room, 8 + floor(random() * 8)::int AS capacity, \
             random() < 0.05 AS cancelled, random() < 0.3 AS federation \
             FROM (SELECT g, {today} - {SESSIONS_FROM_DAYS} + floor(random() * {SESSIONS_SPAN_DAYS})::int AS day \
             FROM generate_series(1, {sessions}) g) d) s",
            workshop_count = workshops.len(),
            cancelled = SessionStatus::Cancelled.code(),
            published = SessionStatus::Published.code(),
            federation = Audience::FEDERATION,
            mission_locale = Audience::MISSION_LOCALE,
        ),
    )
    .await;
    step(
        db,
        "session_counsellors (one each, in turn)",
        &format!(
            "INSERT INTO session_counsellors (session_id, person_id) \
             SELECT {session0} + g, {} FROM generate_series(1, {sessions}) g",
            counsellor(
                &format!("(1 + (g - 1) % {missions_locales})"),
                &format!("1 + ((g - 1) / {missions_locales}) % {counsellors}")
            )
        ),
    )
    .await;
    // Each session's places go to consecutive youths of its Mission Locale who entered the
    // programme within the 360 days before its day: 3 to capacity + 4 asked, the first up to
    // capacity registered (a twentieth of them cancelled since), the others waiting; fewer for
    // the sessions ahead, whose enrolment is under way.
    step(
        db,
        "enrolments",
        &format!(
            "INSERT INTO enrolments (session_id, youth_id, status, ticket, method, enrolled_by, \
             requested_at, registered_at, ended_at, ended_reason) \
             SELECT s.id, {youth0} + (s.first + i) * {missions_locales} + s.m, \
             CASE WHEN i >= s.capacity THEN '{waiting}' WHEN random() < 0.05 THEN '{cancelled}' \
             ELSE '{registered}' END, i + 1, '{by_youth}', NULL, \
             LEAST(s.starts_at - make_interval(days => 20 - i % 20, hours => i), {now}), \
             CASE WHEN i < s.capacity THEN \
             LEAST(s.starts_at - make_interval(days => 20 - i % 20, hours => i), {now}) END, \
             NULL, NULL \
             FROM (SELECT w.*, lo + floor(random() * GREATEST(hi - lo - asked, 0))::int AS first \
             FROM (SELECT id, m, starts_at, capacity, \
             CASE WHEN day > 0 THEN asked * (35 - day) / 35 ELSE asked END AS asked, \
             GREATEST(0, ceil((day - 360 + {ENTRIES_SPAN_DAYS}) * {per_ml}::numeric / {ENTRIES_SPAN_DAYS}))::int AS lo, \
             LEAST({per_ml} - 1, floor((LEAST(day, 0) + {ENTRIES_SPAN_DAYS}) * {per_ml}::numeric / {ENTRIES_SPAN_DAYS}))::int AS hi \
             FROM (SELECT id, 1 + (id - {session0} - 1) % {missions_locales} AS m, starts_at, capacity, \
             3 + floor(random() * (capacity + 2))::int AS asked, \
             (starts_at AT TIME ZONE 'Europe/Paris')::date - {today} AS day \
             FROM workshop_sessions WHERE id > {session0}) d) w) s, \
             generate_series(0, s.asked - 1) i \
             WHERE (s.first + i) * {missions_locales} + s.m <= {youths}",
            waiting = EnrolmentStatus::Waiting.code(),
            cancelled = EnrolmentStatus::Cancelled.code(),
            registered = EnrolmentStatus::Registered.code(),
            by_youth = EnrolmentMethod::ByYouth.code(),
        ),
    )
    .await;
    // Sessions held (published, over) with someone registered: a sheet each, mostly closed; a
    // confirmed line for each registered youth, most present, signed when they came.
    let held = format!(
        "SELECT id, starts_at, ends_at FROM workshop_sessions s WHERE id > {session0} \
         AND status = '{}' AND ends_at <= {now} AND EXISTS (SELECT 1 FROM enrolments e \
         WHERE e.session_id = s.id AND e.status = '{}')",
        SessionStatus::Published.code(),
        EnrolmentStatus::Registered.code()
    );
    step(
        db,
        "attendance_sheets",
        &format!(
            "INSERT INTO attendance_sheets (session_id, state, check_in_secret, opened_at, \
             closed_at, closed_by, closing_signature) \
             SELECT id, state, 'national-' || id, starts_at, \
             CASE WHEN state <> '{open}' THEN ends_at END, NULL, NULL \
             FROM (SELECT h.*, CASE WHEN r < 0.85 THEN '{closed}' WHEN r < 0.95 THEN '{open}' \
             ELSE '{paper}' END AS state FROM (SELECT *, random() AS r FROM ({held}) x) h) s",
            open = SheetState::Open.code(),
            closed = SheetState::Closed.code(),
            paper = SheetState::Paper.code(),
        ),
    )
    .await;
    step(
        db,
        "attendance_lines",
        &format!(
            "INSERT INTO attendance_lines (session_id, youth_id, half_day, status, walk_in, \
             checked_in_at, confirmed, marked_by, marked_at, signature, signed_at, \
             signature_collected_by, checked_in_elsewhere) \
             SELECT session_id, youth_id, 0, status, false, NULL, true, NULL, starts_at, \
             CASE WHEN status IN ('{present}', '{late}') THEN \
             '100,100 200,200 300,100 400,200 500,100 600,200 700,100 800,200' END, \
             CASE WHEN status IN ('{present}', '{late}') THEN starts_at END, NULL, false \
             FROM (SELECT e.session_id, e.youth_id, h.starts_at, CASE WHEN r < 0.7 THEN '{present}' \
             WHEN r < 0.78 THEN '{late}' WHEN r < 0.85 THEN '{excused}' ELSE '{absent}' END AS status \
             FROM (SELECT *, random() AS r FROM enrolments WHERE session_id > {session0} \
             AND status = '{registered}') e JOIN attendance_sheets h0 ON h0.session_id = e.session_id \
             JOIN workshop_sessions h ON h.id = e.session_id) l",
            present = AttendanceStatus::Present.code(),
            late = AttendanceStatus::Late.code(),
            excused = AttendanceStatus::Excused.code(),
            absent = AttendanceStatus::Absent.code(),
            registered = EnrolmentStatus::Registered.code(),
        ),
    )
    .await;
    step(
        db,
        "individual_contacts (0 to 2 per youth)",
        &format!(
            "INSERT INTO individual_contacts (youth_id, mission_locale_id, kind, happened_on, \
             minutes, subject, recorded_by, recorded_at) \
             SELECT {youth0} + g, {ml0} + m, (ARRAY['in_person','phone','video','message'])[1 + (g + k) % 4], \
             entry + floor(random() * LEAST(365, {today} - entry))::int, \
             (ARRAY[10, 20, 30, 45, 60])[1 + (g * k) % 5], 'Point sur le projet professionnel', \
             {}, {now} \
             FROM ({youth_rows}) r, generate_series(1, 2) k WHERE k <= g % 3 AND entry < {today}",
            counsellor("m", &format!("1 + j % {counsellors}"))
        ),
    )
    .await;
    for table in [
        "missions_locales",
        "sites",
        "rooms",
        "people",
        "workshop_sessions",
    ] {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        ))
        .await
        .unwrap();
    }
    let analyzed = Instant::now();
    db.execute_unprepared("ANALYZE").await.unwrap();
    println!("  ANALYZE: {:.1} s", analyzed.elapsed().as_secs_f64());
    let seconds = started.elapsed().as_secs_f64();
    println!("Generated in {seconds:.0} s");
    Generated {
        first_mission_locale: MissionLocaleId::new((ml0 + 1) as i32),
        seconds,
    }
}
