//! The test harness: every integration test spawns the real server on port 0 with a fresh
//! database made by the real migrations — a temporary SQLite file, or a PostgreSQL database
//! created for the test and dropped after it. [`on_both_databases!`] runs a test on each.

#![expect(dead_code, reason = "each test file uses some of the helpers")]

pub mod builders;
pub mod calendar_mail;
pub mod dates;
pub mod demo;
pub mod federation;
pub mod fingerprint;

use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use server::config::{LogFormat, MailBackend, Settings};
use server::smsc_sink::SmscSink;
use server::smtp_sink::SmtpSink;
use server::startup::Application;
use shared::domain::PersonId;

/// The clock of this test process and of every app it spawns: the system's (away from lunch,
/// see [`away_from_lunch`]), or, with
/// `ATELIERS_TEST_NOW` (an RFC 3339 instant, or a day `YYYY-MM-DD`, at 08:00 UTC), started on
/// that instant — so that the whole suite can run "on" any date (`.ci/test-on-dates`). Tests
/// compute their dates from it, never from the calendar.
pub fn clock() -> &'static shared::clock::Clock {
    static CLOCK: std::sync::OnceLock<shared::clock::Clock> = std::sync::OnceLock::new();
    CLOCK.get_or_init(|| match std::env::var("ATELIERS_TEST_NOW") {
        Ok(start) if !start.is_empty() => {
            let start = start
                .parse::<chrono::DateTime<chrono::Utc>>()
                .or_else(|_| {
                    start
                        .parse::<chrono::NaiveDate>()
                        .map(|day| day.and_hms_opt(8, 0, 0).expect("08:00").and_utc())
                })
                .expect("ATELIERS_TEST_NOW: an RFC 3339 instant or a YYYY-MM-DD day");
            shared::clock::Clock::starting_at(start)
        }
        _ => away_from_lunch(),
    })
}

/// The system clock — unless it is late morning or lunchtime in Paris: then 15:00 today. The
/// sessions « under way » that tests build (from a few minutes ago, for a couple of hours) then
/// keep to one half-day whatever the hour the suite runs at; the tests of full days build them
/// through lunch on purpose (`domain::half_days`).
fn away_from_lunch() -> shared::clock::Clock {
    use chrono::{TimeZone, Timelike};
    let now = chrono::Utc::now();
    let paris = now.with_timezone(&shared::domain::PARIS);
    if !(9..14).contains(&paris.hour()) {
        return shared::clock::Clock::system();
    }
    let afternoon = paris
        .date_naive()
        .and_hms_opt(15, 0, 0)
        .and_then(|at| shared::domain::PARIS.from_local_datetime(&at).earliest())
        .map_or(now, |at| at.with_timezone(&chrono::Utc));
    shared::clock::Clock::starting_at(afternoon)
}

/// What the time is for this test (see [`clock`]).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    clock().now()
}

/// The environment that starts an `ateliers` process on this test's clock (none on the
/// system's clock).
pub fn clock_env() -> Vec<(&'static str, String)> {
    if clock().is_shifted() {
        vec![("ATELIERS_CLOCK_START", now().to_rfc3339())]
    } else {
        Vec::new()
    }
}

/// `ateliers minimise` on `app`'s database, with `env` (its clock, its retention settings) and
/// nothing else from the environment: a job a test may kill midway.
pub fn spawn_minimise(app: &TestApp, env: &[(&str, String)]) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_ateliers"))
        .arg("minimise")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", app.database_url())
        .envs(env.iter().map(|(name, value)| (*name, value)))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("ateliers runs")
}

/// Today in Paris, for this test.
pub fn today() -> chrono::NaiveDate {
    now().with_timezone(&shared::domain::PARIS).date_naive()
}

/// The PostgreSQL server the tests create their databases on (user `postgres`, trust auth).
pub fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running server on its own database.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    /// The SMTP server the app sends its mail to.
    pub mail: SmtpSink,
    /// The SMSC the app sends its SMS to, over SMPP.
    pub sms: SmscSink,
    /// What it was started with (a second instance reuses them).
    settings: Settings,
    /// What its requests reach, for variants of it (see [`TestApp::serve_variant`]).
    pub state: app::state::AppState,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    _database: TestDatabase,
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("the server answers")
    }

    /// A page as the holder of `session` (a session token) sees it.
    pub async fn get_as(&self, path: &str, session: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(format!("{}{path}", self.address));
        if let Some(session) = session {
            request = request.header("Cookie", format!("ateliers_session={session}"));
        }
        request.send().await.expect("the server answers")
    }

    /// Calls the server function at `path` as a script would (JSON answers, real statuses),
    /// from one of Ateliers' own pages (the Origin a browser sends).
    pub async fn call(
        &self,
        path: &str,
        form: &[(&str, String)],
        session: Option<&str>,
    ) -> reqwest::Response {
        self.call_at(&self.address, path, form, session).await
    }

    /// Posts `form` to the server function at `path` as a browser's plain form would, without
    /// JavaScript: `Accept: text/html`, with the page it comes from as Referer.
    pub async fn submit(
        &self,
        path: &str,
        from_page: &str,
        form: &[(&str, String)],
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("Origin", &self.address)
            .header("Referer", format!("{}{from_page}", self.address))
            .header("Accept", "text/html,application/xhtml+xml")
            .form(form);
        if let Some(session) = session {
            request = request.header("Cookie", format!("ateliers_session={session}"));
        }
        request.send().await.expect("the server answers")
    }

    /// The SMTP server goes down: connections drop, new ones are refused.
    pub async fn stop_mail_server(&mut self) {
        self.mail.stop();
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    /// The SMTP server is back on the same port (with an empty inbox; its `.eml` files go on
    /// in the same folder).
    pub async fn restart_mail_server(&mut self) {
        let port = self.mail.port();
        let folder = self.mail.folder().map(std::path::Path::to_path_buf);
        self.mail = SmtpSink::start_on(port, folder)
            .await
            .expect("the SMTP sink restarts");
    }

    /// Its database, for a process the test starts (a command of the `ateliers` binary).
    pub fn database_url(&self) -> &str {
        &self._database.url
    }

    /// The mail settings the app runs with: for tests that call a service directly.
    pub fn mail_settings(&self) -> shared::services::MailSettings {
        self.settings
            .mail_settings(&self.address)
            .expect("valid mail settings")
    }

    /// Opens a session for `person_id` directly in the database and returns its token: for
    /// tests about what a signed-in person may do, not about signing in.
    pub async fn session_for(&self, person_id: PersonId) -> String {
        use sea_orm::{ActiveModelTrait, Set};
        let secret = shared::auth::SecretToken::generate();
        let now = now();
        shared::entities::login_session::ActiveModel {
            token_hash: Set(secret.hash.clone()),
            person_id: Set(person_id),
            created_at: Set(now),
            expires_at: Set(now + chrono::Duration::hours(1)),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .expect("a session");
        secret.token
    }
}

/// Another server instance on the same database (the scale-out deployment: stateless
/// instances sharing one database), sending mail to the same sink. Stops when dropped.
pub struct SecondInstance {
    pub address: String,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for SecondInstance {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

impl TestApp {
    /// Waits for `count` more messages than `seen` at the SMTP sink, then a little longer to be
    /// sure no more come; returns the new ones, read.
    pub async fn next_mail(&self, seen: &mut usize, count: usize) -> Vec<calendar_mail::ReadMail> {
        self.mail
            .wait_for(*seen + count, std::time::Duration::from_secs(15))
            .await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let received = self.mail.messages();
        assert_eq!(
            received.len(),
            *seen + count,
            "expected {count} new messages, got: {:#?}",
            received[*seen..]
                .iter()
                .map(|mail| (&mail.envelope_to, calendar_mail::read_mail(mail).subject))
                .collect::<Vec<_>>()
        );
        let new = received[*seen..]
            .iter()
            .map(calendar_mail::read_mail)
            .collect();
        *seen = received.len();
        new
    }

    /// A dispatcher pass at `at` (the app's own runs on the clock): mail queued by a pass run
    /// at a later time is due then.
    pub async fn deliver_at(&self, at: chrono::DateTime<chrono::Utc>) {
        let mailer =
            shared::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{}", self.mail.port())).unwrap();
        shared::services::deliver_queued_mail(&self.db, &mailer, at, 50)
            .await
            .unwrap();
    }

    pub async fn second_instance(&self) -> SecondInstance {
        let settings = self.settings.clone();
        let application = Application::build(&settings)
            .await
            .expect("the second instance starts");
        let address = format!("http://127.0.0.1:{}", application.port());
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(application.run_until(async {
            let _ = stop.await;
        }));
        SecondInstance {
            address,
            shutdown: Some(shutdown),
        }
    }

    /// Serves this app's routes with `state` (e.g. the same database and mailer without demo
    /// mode, which settings cannot start with a mail folder) on another port, without the
    /// background work. Stops when dropped.
    pub async fn serve_variant(&self, state: app::state::AppState) -> SecondInstance {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let address = format!("http://{}", listener.local_addr().expect("an address"));
        let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
        let security = server::security_headers::SecurityPolicy::new(
            None,
            &[server::routes::REFUSAL_PAGE_STYLE],
        )
        .expect("the default policy");
        let key =
            shared::services::load_server_key(&state.db, server::form_errors::KEY_NAME, now())
                .await
                .expect("the server's key");
        let form_errors = server::form_errors::FormErrorSeal::new(&key, clock().clone());
        let service = server::startup::router(state, security, form_errors)
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, service)
                .with_graceful_shutdown(async {
                    let _ = stop.await;
                })
                .await;
        });
        SecondInstance {
            address,
            shutdown: Some(shutdown),
        }
    }

    /// Calls a server function like [`TestApp::call`], on the instance at `address`.
    pub async fn call_at(
        &self,
        address: &str,
        path: &str,
        form: &[(&str, String)],
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{address}{path}"))
            .header("Origin", address)
            .header("Accept", "application/json")
            .form(form);
        if let Some(session) = session {
            request = request.header("Cookie", format!("ateliers_session={session}"));
        }
        request.send().await.expect("the server answers")
    }
}

/// The URL path of a server function.
pub fn server_fn_path<F: leptos::server_fn::ServerFn>() -> &'static str {
    F::PATH
}

/// Checks that `response` is a refusal with `status` whose body says `words` (a French message);
/// returns the body.
pub async fn assert_refused(response: reqwest::Response, status: u16, words: &str) -> String {
    assert_eq!(response.status(), status);
    let body = response.text().await.expect("a body");
    assert!(body.contains(words), "{words:?} not in {body}");
    body
}

/// Where a redirect (302) sends the browser.
pub fn redirect_location(response: &reqwest::Response) -> String {
    assert_eq!(response.status(), 302);
    response.headers()["location"]
        .to_str()
        .expect("text")
        .to_owned()
}

/// The six digits of a sign-in code's SMS (« … votre code de connexion est 123456. … »).
pub fn code_in(text: &str) -> String {
    let start = text.find("connexion est ").expect("a sign-in code") + "connexion est ".len();
    text[start..start + 6].to_owned()
}

/// The session token a response sets, if any.
pub fn session_cookie_set(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|cookie| cookie.strip_prefix("ateliers_session="))
        .and_then(|rest| rest.split(';').next())
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// What a test puts in the database before the server starts.
pub enum Seed {
    Empty,
    Demo,
}

/// Spawns the app on `backend`, or returns `None` (after saying so loudly) when PostgreSQL is
/// not reachable outside CI. Under `CI=true` an unreachable PostgreSQL fails the test.
///
/// The app's mail goes over SMTP to a sink on loopback; each message is also kept as a `.eml`
/// file under `<target dir>/test-mail/<test>/<backend>/` for a person to open.
pub async fn spawn_app(test: &str, backend: Backend, seed: Seed) -> Option<TestApp> {
    spawn(test, backend, seed, None, |_| {}).await
}

/// Like [`spawn_app`], with settings of the test's own (a public URL, a site folder...).
pub async fn spawn_app_with(
    test: &str,
    backend: Backend,
    seed: Seed,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    spawn(test, backend, seed, None, configure).await
}

/// Like [`spawn_app`], on SQLite, in demo mode with mail written as `.eml` files to `folder` and
/// SMS as `.txt` files to a folder of their own, both shown at /courriels (as in
/// `make run`; outside the demo, these folders are refused).
pub async fn spawn_app_with_mail_folder(test: &str, folder: &std::path::Path) -> TestApp {
    let sms_folder = test_folder("test-sms-folder", test, Backend::Sqlite);
    spawn(
        test,
        Backend::Sqlite,
        Seed::Demo,
        Some(folder),
        |settings| {
            settings.sms_url = None;
            settings.sms_folder = sms_folder.display().to_string();
        },
    )
    .await
    .expect("SQLite is always there")
}

/// Like [`spawn_app`] on `database` (which a test prepared, e.g. with a command of the
/// `ateliers` binary); `Seed::Demo` serves it in demo mode (a database holding the demo serves
/// only so).
pub async fn spawn_app_on_database(
    test: &str,
    backend: Backend,
    database: TestDatabase,
    seed: Seed,
) -> TestApp {
    spawn_on(test, backend, database, seed, None, |_| {}).await
}

async fn spawn(
    test: &str,
    backend: Backend,
    seed: Seed,
    mail_folder: Option<&std::path::Path>,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let database = TestDatabase::create(backend).await?;
    Some(spawn_on(test, backend, database, seed, mail_folder, configure).await)
}

/// The settings of a test's server on `database_url`, sending mail to the SMTP sink at
/// `smtp_port`; tests change what they are about with `Settings { demo: true, ..test_settings(..) }`.
pub fn test_settings(database_url: &str, smtp_port: u16) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        site_addr: "127.0.0.1:0".parse().expect("valid address"),
        site_root: "target/site".to_owned(),
        demo: false,
        // Tests that need a year of activity generate their own, to know what to expect.
        demo_past_year: false,
        mail_backend: MailBackend::Smtp,
        mail_folder: String::new(),
        smtp_url: Some(format!("smtp://127.0.0.1:{smtp_port}")),
        sms_url: None,
        sms_sender: "ATELIERS93".to_owned(),
        sms_folder: String::new(),
        public_url: None,
        mail_from: "Ateliers <ne-pas-repondre@ateliers.example>".to_owned(),
        mail_footer: shared::services::DEFAULT_MAIL_FOOTER.to_owned(),
        reminder_hours: vec![48, 2],
        reminder_interval_seconds: 3600,
        // Off: the worker's first pass would alert about the demo's youths at a moment no test
        // chooses; tests call `send_no_contact_alerts` themselves.
        no_contact_alert_weeks: 0,
        // Off for the same reason: tests call `send_sheet_reminders` themselves.
        sheet_reminder_hours: 0,
        mail_retention_days: shared::services::DEFAULT_MAIL_RETENTION_DAYS,
        // Off for the same reason: tests call `minimise_personal_data` themselves.
        minimise_daily: false,
        personal_data_kept_months: shared::domain::DEFAULT_PERSONAL_DATA_MONTHS,
        evidence_kept_years: shared::domain::DEFAULT_EVIDENCE_YEARS,
        programme_last_payment_year: None,
        mail_dispatch_interval_ms: 50,
        // The tests' requests come straight from loopback; a test that plays the reverse proxy
        // trusts 127.0.0.1 (see `spawn_app_with`).
        trusted_proxies: Default::default(),
        password_checks_at_once: 4,
        graceful_stop_seconds: 5,
        metrics_token: None,
        seal_key: None,
        clock_start: None,
        test_rate_limits: None,
        clock: clock().clone(),
        log_format: LogFormat::Text,
    }
}

async fn spawn_on(
    test: &str,
    backend: Backend,
    database: TestDatabase,
    seed: Seed,
    mail_folder: Option<&std::path::Path>,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let mail = SmtpSink::start(Some(test_mail_folder(test, backend)))
        .await
        .expect("the SMTP sink starts");
    let sms = SmscSink::start(Some(test_sms_folder(test, backend)))
        .await
        .expect("the SMSC sink starts");
    let mut settings = Settings {
        demo: matches!(seed, Seed::Demo),
        sms_url: Some(sms.url()),
        ..test_settings(&database.url, mail.port())
    };
    if let Some(folder) = mail_folder {
        settings.mail_backend = MailBackend::Folder;
        settings.mail_folder = folder.display().to_string();
    }
    configure(&mut settings);
    let application = Application::build(&settings).await.expect("the app starts");
    let state = application.state().clone();
    let address = format!("http://127.0.0.1:{}", application.port());
    let db = application.db().clone();
    let (shutdown, stop) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(application.run_until(async {
        let _ = stop.await;
    }));
    TestApp {
        address,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client"),
        db,
        mail,
        sms,
        settings,
        state,
        shutdown: Some(shutdown),
        _database: database,
    }
}

/// `<target dir>/test-mail/<test>/<backend>/`, emptied first.
pub fn test_mail_folder(test: &str, backend: Backend) -> std::path::PathBuf {
    test_folder("test-mail", test, backend)
}

/// `<target dir>/test-sms/<test>/<backend>/`, emptied first: the SMS the sink received.
pub fn test_sms_folder(test: &str, backend: Backend) -> std::path::PathBuf {
    test_folder("test-sms", test, backend)
}

fn test_folder(kind: &str, test: &str, backend: Backend) -> std::path::PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../target").to_owned());
    let backend = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let folder = std::path::Path::new(&target)
        .join(kind)
        .join(test)
        .join(backend);
    let _ = std::fs::remove_dir_all(&folder);
    folder
}

/// A fresh database with the migrations applied, without a server: for tests that drive
/// services directly (and control the clock). Dropped with the returned guard.
pub async fn migrated_database(backend: Backend) -> Option<(DatabaseConnection, TestDatabase)> {
    use migrations::MigratorTrait;
    let database = TestDatabase::create(backend).await?;
    let db = shared::services::connect_database(&database.url)
        .await
        .expect("connects");
    migrations::Migrator::up(&db, None)
        .await
        .expect("migrations apply");
    Some((db, database))
}

/// A fresh database with nothing in it, not even the migrations: for tests about starting.
pub async fn empty_database(backend: Backend) -> Option<TestDatabase> {
    TestDatabase::create(backend).await
}

impl TestApp {
    /// The settings this app runs with, on another database (demo data off).
    pub fn settings_on(&self, database_url: &str) -> Settings {
        Settings {
            database_url: database_url.to_owned(),
            demo: false,
            ..self.settings.clone()
        }
    }
}

/// A database that exists for one test only.
pub struct TestDatabase {
    url: String,
    cleanup: Cleanup,
}

impl TestDatabase {
    /// For a process the test starts (`ateliers worker`).
    pub fn url(&self) -> &str {
        &self.url
    }
}

enum Cleanup {
    RemoveFolder(tempfile::TempDir),
    DropPostgresDatabase(String),
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDatabase {
    /// An empty database, without the migrations (see [`migrated_database`]).
    pub async fn create(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let folder = tempfile::tempdir().expect("a temporary folder");
                let url = format!("sqlite://{}/ateliers.db?mode=rwc", folder.path().display());
                Some(Self {
                    url,
                    cleanup: Cleanup::RemoveFolder(folder),
                })
            }
            Backend::Postgres => {
                let admin_url = postgres_admin_url();
                let admin = match Database::connect(&admin_url).await {
                    Ok(admin) => admin,
                    Err(error) if std::env::var("CI").as_deref() != Ok("true") => {
                        eprintln!(
                            "\n!!! PostgreSQL is unreachable at {admin_url} ({error}).\n\
                             !!! This test did NOT run on PostgreSQL. Under CI=true it fails.\n"
                        );
                        return None;
                    }
                    Err(error) => panic!("PostgreSQL is unreachable at {admin_url}: {error}"),
                };
                let name = format!(
                    "ateliers_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    now().timestamp_micros()
                );
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("a test database");
                admin.close().await.ok();
                let url = match admin_url.rsplit_once('/') {
                    Some((server, _)) => format!("{server}/{name}"),
                    None => panic!("TEST_POSTGRES_URL must end with /<database>"),
                };
                Some(Self {
                    url,
                    cleanup: Cleanup::DropPostgresDatabase(name),
                })
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::DropPostgresDatabase(name) = &self.cleanup {
            let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            // Drop cannot await, and the test's runtime is shutting down: use a runtime of our own.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async {
                    if let Ok(admin) = Database::connect(&postgres_admin_url()).await {
                        let _ = admin.execute_unprepared(&statement).await;
                        admin.close().await.ok();
                    }
                });
                std::io::Result::Ok(())
            })
            .join();
        }
    }
}

/// Declares a test that runs once on SQLite and once on PostgreSQL, each on a fresh database:
/// `on_both_databases!(name, Seed::Demo, |app| async move { ... });`
#[macro_export]
macro_rules! on_both_databases {
    // With settings changed first: `settings = |settings: &mut Settings| { ... },`.
    ($name:ident, $seed:expr, settings = $configure:expr, $test:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = $crate::support::spawn_app_with(
                    stringify!($name),
                    $crate::support::Backend::Sqlite,
                    $seed,
                    $configure,
                )
                .await
                {
                    ($test)(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::support::spawn_app_with(
                    stringify!($name),
                    $crate::support::Backend::Postgres,
                    $seed,
                    $configure,
                )
                .await
                {
                    ($test)(app).await;
                }
            }
        }
    };
    ($name:ident, $seed:expr, $test:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = $crate::support::spawn_app(
                    stringify!($name),
                    $crate::support::Backend::Sqlite,
                    $seed,
                )
                .await
                {
                    ($test)(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::support::spawn_app(
                    stringify!($name),
                    $crate::support::Backend::Postgres,
                    $seed,
                )
                .await
                {
                    ($test)(app).await;
                }
            }
        }
    };
}

/// Runs `async fn $name(backend: Backend)` once on SQLite and once on PostgreSQL, for tests that
/// build their own database (see [`migrated_database`]) instead of spawning the app.
#[macro_export]
macro_rules! for_both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::Backend::Postgres).await;
            }
        }
    };
}

/// Every value of `table` that reads as text (each row, each column): to prove a secret is
/// stored nowhere in it.
pub async fn text_values(db: &DatabaseConnection, table: &str) -> Vec<String> {
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT * FROM {table}"),
        ))
        .await
        .expect("the table's rows");
    rows.iter()
        .flat_map(|row| {
            (0..row.column_names().len()).filter_map(move |index| {
                row.try_get_by_index::<Option<String>>(index).ok().flatten()
            })
        })
        .collect()
}

/// `text` as stored and as a mail client reads it: with quoted-printable soft breaks undone
/// and, when it is a message, every part decoded. A secret must be in none of them.
pub fn readable_forms(text: &str) -> Vec<String> {
    let mut forms = vec![text.to_owned(), text.replace("=\r\n", "")];
    if let Some(message) = mail_parser::MessageParser::default().parse(text.as_bytes()) {
        for part in &message.parts {
            forms.push(String::from_utf8_lossy(part.contents()).into_owned());
        }
    }
    forms
}

/// The text of a PDF as `pdftotext -layout` reads it (Debian's poppler-utils, installed by
/// `.ci/install-tools test`): what an auditor's tools get out of a sheet.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian's poppler-utils, see .ci/install-tools test)");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}
