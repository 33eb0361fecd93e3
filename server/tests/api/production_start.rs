//! Starting Ateliers for real: the `ateliers` binary, run as an operator runs it. Mail goes out
//! only over SMTP outside the demo; the demo never meets an https address nor a database holding
//! other data (and a demo database never serves without the demo); the first coordinator comes
//! from `ateliers create-coordinator`; `--help` never shows a password; SIGTERM lets requests in
//! flight finish, for `GRACEFUL_STOP_SECONDS` at most, and exits 0.

use crate::support;

use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use server::smtp_sink::SmtpSink;
use shared::entities::{audit_event, person, staff_member};
use support::{Backend, migrated_database, test_mail_folder};

/// The settings an operator may have in their environment: each run starts without them, so
/// that only what the test sets counts.
const SETTINGS: [&str; 12] = [
    "DATABASE_URL",
    "LEPTOS_SITE_ADDR",
    "ATELIERS_DEMO",
    "ATELIERS_DEMO_PAST_YEAR",
    "MAIL_BACKEND",
    "MAIL_FOLDER",
    "SMTP_URL",
    "ATELIERS_PUBLIC_URL",
    "RUST_LOG",
    "LOG_FORMAT",
    "GRACEFUL_STOP_SECONDS",
    "ATELIERS_CLOCK_START",
];

/// `ateliers <args>` with exactly `env` set, run in a folder of its own (no `.env` is read),
/// its output kept in files there (a server logs more than a pipe holds).
struct Run {
    child: Option<Child>,
    folder: tempfile::TempDir,
}

impl Run {
    fn start(args: &[&str], env: &[(&str, String)]) -> Self {
        let folder = tempfile::tempdir().expect("a folder");
        let mut command = Command::new(env!("CARGO_BIN_EXE_ateliers"));
        command
            .args(args)
            .current_dir(folder.path())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(folder.path().join("stdout")).expect("a file"))
            .stderr(std::fs::File::create(folder.path().join("stderr")).expect("a file"));
        for name in SETTINGS {
            command.env_remove(name);
        }
        command.env("RUST_LOG", "info").envs(support::clock_env());
        for (name, value) in env {
            command.env(name, value);
        }
        Self {
            child: Some(command.spawn().expect("ateliers starts")),
            folder,
        }
    }

    /// Everything it printed so far, standard output then error.
    fn output(&self) -> String {
        let read = |name: &str| std::fs::read_to_string(self.folder.path().join(name));
        format!(
            "{}{}",
            read("stdout").unwrap_or_default(),
            read("stderr").unwrap_or_default()
        )
    }

    /// Its exit status, or `None` if it still runs after `limit`.
    async fn exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let child = self.child.as_mut().expect("running");
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("a status") {
                self.child = None;
                return Some(status);
            }
            if started.elapsed() > limit {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs to its end (a command, not a server): its status and output.
    async fn finish(mut self) -> (ExitStatus, String) {
        let status = self.exit_within(Duration::from_secs(60)).await;
        let output = self.output();
        match status {
            Some(status) => (status, output),
            None => panic!("still running after a minute:\n{output}"),
        }
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `ateliers serve` must refuse to start: it exits within 30 s, not 0, and says why.
async fn refused_at_start(env: &[(&str, String)]) -> String {
    let mut serve = Run::start(&["serve"], env);
    let status = serve.exit_within(Duration::from_secs(30)).await;
    let output = serve.output();
    match status {
        Some(status) => assert!(!status.success(), "exited with success:\n{output}"),
        None => panic!("it started instead of refusing:\n{output}"),
    }
    output
}

/// A port nobody listens on right now, for a server started by a test.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("a port")
        .local_addr()
        .expect("an address")
        .port()
}

/// `ateliers serve` starts and answers `/healthz`; then it is stopped.
async fn serves(env: &[(&str, String)]) {
    let port = free_port();
    let mut env: Vec<_> = env
        .iter()
        .filter(|(name, _)| *name != "LEPTOS_SITE_ADDR")
        .cloned()
        .collect();
    env.push(("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")));
    let mut serve = Run::start(&["serve"], &env);
    let client = reqwest::Client::new();
    let started = Instant::now();
    loop {
        if let Ok(response) = client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            && response.status() == 200
        {
            break;
        }
        if let Some(status) = serve.exit_within(Duration::from_millis(200)).await {
            panic!(
                "it stopped ({status}) instead of serving:\n{}",
                serve.output()
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "not serving after 90 s:\n{}",
            serve.output()
        );
    }
    serve.stop();
}

fn sqlite_url(folder: &Path) -> String {
    format!("sqlite://{}/ateliers.db?mode=rwc", folder.display())
}

// --- `--help` ---------------------------------------------------------------------------------

/// clap shows the values it read from the environment in `--help`: never those that may hold a
/// password.
#[tokio::test]
async fn help_never_shows_a_password() {
    let env = [
        (
            "DATABASE_URL",
            "postgres://ateliers:s3cret@db.internal:5432/ateliers".to_owned(),
        ),
        (
            "SMTP_URL",
            "smtp://ateliers:s3cret@smtp.internal:587?tls=required".to_owned(),
        ),
    ];
    for args in [
        &["--help"][..],
        &["serve", "--help"],
        &["worker", "--help"],
        &["create-coordinator", "--help"],
    ] {
        let (status, output) = Run::start(args, &env).finish().await;
        assert!(status.success(), "{args:?}: {output}");
        assert!(
            !output.contains("s3cret"),
            "{args:?} shows a password:\n{output}"
        );
    }
    let (_, top) = Run::start(&["--help"], &env).finish().await;
    assert!(
        top.contains("DATABASE_URL") && top.contains("SMTP_URL"),
        "the settings are still listed:\n{top}"
    );
}

// --- Mail backend outside the demo ------------------------------------------------------------

/// Outside the demo, mail written to a folder would be readable by anyone at /courriels (and a
/// coordinator's password-reset link with it): the folder backend is refused at start, by
/// `serve` and `worker` alike.
#[tokio::test]
async fn folder_mail_is_refused_outside_the_demo() {
    let data = tempfile::tempdir().expect("a folder");
    let env = [
        ("DATABASE_URL", sqlite_url(data.path())),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port())),
        ("MAIL_BACKEND", "folder".to_owned()),
        (
            "MAIL_FOLDER",
            data.path().join("mail").display().to_string(),
        ),
    ];
    let output = refused_at_start(&env).await;
    assert!(
        output.contains("MAIL_BACKEND=folder n'est permis qu'avec la démonstration")
            && output.contains("MAIL_BACKEND=folder is only allowed in demo mode"),
        "says why, in French and English:\n{output}"
    );
    let mut explicit_off = env.to_vec();
    explicit_off.push(("ATELIERS_DEMO", "false".to_owned()));
    refused_at_start(&explicit_off).await;

    let (status, output) = Run::start(&["worker"], &env).finish().await;
    assert!(!status.success());
    assert!(output.contains("MAIL_BACKEND=folder is only allowed in demo mode"));
}

// --- Test rate limits outside the demo ------------------------------------------------------

/// The browser tests' rate limits exist to let one machine sign in often: outside the demo they
/// would relax the guard on passwords and mailboxes, so `serve` refuses them at start.
#[tokio::test]
async fn test_rate_limits_are_refused_outside_the_demo() {
    let data = tempfile::tempdir().expect("a folder");
    let env = [
        ("DATABASE_URL", sqlite_url(data.path())),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port())),
        ("SMTP_URL", "smtp://127.0.0.1:9".to_owned()),
        (
            "ATELIERS_TEST_RATE_LIMITS",
            "account=1000,network=10000".to_owned(),
        ),
    ];
    let output = refused_at_start(&env).await;
    assert!(
        output.contains("ATELIERS_TEST_RATE_LIMITS n'est permis qu'avec la démonstration")
            && output.contains("ATELIERS_TEST_RATE_LIMITS is only allowed in demo mode"),
        "says why, in French and English:\n{output}"
    );
}

/// The default backend is SMTP, and there is no default SMTP server: without SMTP_URL, Ateliers
/// says so instead of queueing mail that goes nowhere.
#[tokio::test]
async fn without_smtp_url_ateliers_does_not_start() {
    let data = tempfile::tempdir().expect("a folder");
    let env = [
        ("DATABASE_URL", sqlite_url(data.path())),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port())),
    ];
    let output = refused_at_start(&env).await;
    assert!(
        output.contains("SMTP_URL manque") && output.contains("SMTP_URL is missing"),
        "says why, in French and English:\n{output}"
    );
    assert!(
        !data.path().join("mail").exists(),
        "no mail folder was created"
    );
}

// --- The demo's guard -------------------------------------------------------------------------

fn demo_env(database_url: &str, sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("DATABASE_URL", database_url.to_owned()),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{}", free_port())),
        ("ATELIERS_DEMO", "true".to_owned()),
        ("MAIL_BACKEND", "smtp".to_owned()),
        ("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port())),
    ]
}

async fn people(db: &sea_orm::DatabaseConnection) -> u64 {
    person::Entity::find().count(db).await.expect("a count")
}

/// The demo creates accounts whose password is published: never behind an https address.
async fn the_demo_is_refused_behind_https(backend: Backend) {
    let Some((db, database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let mut env = demo_env(database.url(), &sink);
    env.push((
        "ATELIERS_PUBLIC_URL",
        "https://ateliers.convergence93.fr".to_owned(),
    ));
    let output = refused_at_start(&env).await;
    assert!(
        output.contains("ATELIERS_DEMO=true est refusé quand ATELIERS_PUBLIC_URL est en https")
            && output.contains("ATELIERS_DEMO=true is refused when ATELIERS_PUBLIC_URL is https"),
        "{output}"
    );
    assert_eq!(people(&db).await, 0, "no demo account was created");
}

for_both_backends!(the_demo_is_refused_behind_https);

/// The demo loads into a fresh database and starts again on it (what the second `make run`
/// does); that database then never serves without the demo.
async fn the_demo_starts_on_a_fresh_database_and_again_on_its_own(backend: Backend) {
    let Some((db, database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let env = demo_env(database.url(), &sink);
    serves(&env).await;
    let loaded = people(&db).await;
    assert!(loaded > 100, "the demo was loaded: {loaded} people");
    serves(&env).await;
    assert_eq!(people(&db).await, loaded, "loaded once");

    let without_demo: Vec<_> = env
        .iter()
        .filter(|(name, _)| *name != "ATELIERS_DEMO")
        .cloned()
        .collect();
    let output = refused_at_start(&without_demo).await;
    assert!(
        output.contains("Cette base de données contient la démonstration")
            && output.contains("This database holds the demo"),
        "{output}"
    );
}

for_both_backends!(the_demo_starts_on_a_fresh_database_and_again_on_its_own);

// --- The first coordinator --------------------------------------------------------------------

const PUBLIC_URL: &str = "https://ateliers.convergence93.fr";

fn create_coordinator(
    database_url: &str,
    sink: &SmtpSink,
    (email, first, last): (&str, &str, &str),
) -> Run {
    Run::start(
        &[
            "create-coordinator",
            "--email",
            email,
            "--first-name",
            first,
            "--last-name",
            last,
        ],
        &[
            ("DATABASE_URL", database_url.to_owned()),
            ("MAIL_BACKEND", "smtp".to_owned()),
            ("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port())),
            ("ATELIERS_PUBLIC_URL", PUBLIC_URL.to_owned()),
        ],
    )
}

/// The token of the only link in `raw` to `<PUBLIC_URL>/<path>/`.
fn link_token(raw: &str, path: &str) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a message");
    let body = parsed.body_text(0).expect("a text body").into_owned();
    let marker = format!("{PUBLIC_URL}/{path}/");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("a link in {body}"))
        + marker.len();
    body[start..]
        .split_whitespace()
        .next()
        .expect("a token")
        .to_owned()
}

async fn staff_count(db: &sea_orm::DatabaseConnection) -> u64 {
    staff_member::Entity::find()
        .count(db)
        .await
        .expect("a count")
}

/// From an empty database to a signed-in coordinator, without the demo: the command creates the
/// account and mails the link at once; the link sets the password; the account signs in.
/// Running it again creates nothing; another person's address, or bad input, is refused.
async fn create_coordinator_opens_the_first_account(backend: Backend) {
    use app::server_fns::{ResetPassword, SignInWithPassword};
    let Some((db, database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(Some(test_mail_folder(
        "create_coordinator_opens_the_first_account",
        backend,
    )))
    .await
    .expect("the sink starts");
    let nadia = ("nadia.ferhat@convergence93.fr", "Nadia", "Ferhat");

    let (status, output) = create_coordinator(database.url(), &sink, nadia)
        .finish()
        .await;
    assert!(status.success(), "{output}");
    assert!(
        output.contains("Compte de coordination créé")
            && output.contains("Coordinator account created"),
        "{output}"
    );
    assert!(
        output.contains("Le courriel est parti") && output.contains("The mail was sent"),
        "the operator knows at once the mail left:\n{output}"
    );
    let received = sink.messages();
    assert_eq!(
        received.len(),
        1,
        "one mail, delivered by the command itself"
    );
    assert_eq!(received[0].envelope_to, vec![nadia.0.to_owned()]);
    let token = link_token(&received[0].raw, "mot-de-passe");
    assert!(
        !output.contains(&token),
        "the token is never printed:\n{output}"
    );

    let (staff, coordinator) = staff_member::Entity::find()
        .find_also_related(person::Entity)
        .one(&db)
        .await
        .expect("a query")
        .expect("a staff account");
    let coordinator = coordinator.expect("its person");
    assert_eq!(
        (
            coordinator.email.as_deref(),
            coordinator.first_name.as_str(),
            coordinator.last_name.as_str()
        ),
        (Some(nadia.0), "Nadia", "Ferhat")
    );
    assert_eq!(staff.role, "coordinator");
    assert_eq!(
        staff.password_hash, None,
        "no password until the link is followed"
    );
    let audit = audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(coordinator.id))
        .all(&db)
        .await
        .expect("the audit log");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].action, "staff_created");
    assert_eq!(audit[0].actor_id, None);
    assert!(
        audit[0].details.contains("ligne de commande"),
        "{:?}",
        audit[0]
    );

    // Running it again changes nothing, and says so.
    let (status, output) = create_coordinator(database.url(), &sink, nadia)
        .finish()
        .await;
    assert!(status.success(), "{output}");
    assert!(
        output.contains("Rien n'a été créé") && output.contains("Nothing was created"),
        "{output}"
    );
    assert_eq!(people(&db).await, 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "no second mail");

    // The link works on the served app, on the same database.
    let app = support::spawn_app_on_database(
        "create_coordinator_opens_the_first_account_app",
        backend,
        database,
        support::Seed::Empty,
    )
    .await;
    assert_eq!(
        app.get(&format!("/mot-de-passe/{token}")).await.status(),
        200
    );
    let password = "une phrase assez longue pour la fédération";
    let reset = app
        .call(
            support::server_fn_path::<ResetPassword>(),
            &[
                ("token", token.clone()),
                ("password", password.into()),
                ("password_confirmation", password.into()),
            ],
            None,
        )
        .await;
    assert_eq!(reset.status(), 200, "{:?}", reset.text().await);
    let signed_in = app
        .call(
            support::server_fn_path::<SignInWithPassword>(),
            &[("email", nadia.0.into()), ("password", password.into())],
            None,
        )
        .await;
    let session = support::session_cookie_set(&signed_in).expect("signed in");
    assert_eq!(
        app.get_as("/equipe/nouveau", Some(&session)).await.status(),
        200,
        "a coordinator, who may open the others' accounts"
    );

    // Someone else's address is refused: here a youth's.
    let federation = support::federation::federation(&app).await;
    let youth =
        support::federation::new_person(&app, "Inès", "Benali", "ines.benali@gmail.com").await;
    sea_orm::ActiveModelTrait::insert(
        shared::entities::youth::ActiveModel {
            person_id: sea_orm::Set(youth),
            referent_id: sea_orm::Set(federation.counsellors[0].0),
            date_of_birth: sea_orm::Set(
                support::now().date_naive() - chrono::Duration::days(20 * 365),
            ),
            gender: sea_orm::Set("female".into()),
            programme_entry_date: sea_orm::Set(support::now().date_naive()),
            programme_exit_date: sea_orm::Set(None),
            exit_outcome: sea_orm::Set(None),
            disability_recognised: sea_orm::Set(false),
            judicial_supervision: sea_orm::Set(false),
            version: sea_orm::Set(0),
        },
        &app.db,
    )
    .await
    .expect("a youth");
    let staff_before = staff_count(&app.db).await;
    for taken in [
        "ines.benali@gmail.com",
        federation.counsellors[1].1.as_str(),
    ] {
        let (status, output) =
            create_coordinator(app.database_url(), &sink, (taken, "Inès", "Benali"))
                .finish()
                .await;
        assert!(!status.success(), "{output}");
        assert!(
            output.contains("cette adresse est déjà celle d'une autre personne")
                && output.contains("this address already belongs to another person"),
            "{output}"
        );
    }

    // Without the public address, the link would point nowhere useful: refused.
    let (status, output) = Run::start(
        &[
            "create-coordinator",
            "--email",
            "lea.martin@convergence93.fr",
            "--first-name",
            "Léa",
            "--last-name",
            "Martin",
        ],
        &[
            ("DATABASE_URL", app.database_url().to_owned()),
            ("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port())),
        ],
    )
    .finish()
    .await;
    assert!(!status.success(), "{output}");
    assert!(
        output.contains("ATELIERS_PUBLIC_URL manque")
            && output.contains("ATELIERS_PUBLIC_URL is missing"),
        "{output}"
    );

    // Bad input: the domain's French messages, nothing written.
    for (input, message) in [
        (
            ("pas-une-adresse", "Léa", "Martin"),
            "Cette adresse e-mail n'est pas valide",
        ),
        (
            ("lea.martin@convergence93.fr", " ", "Martin"),
            "--first-name : Ce champ est obligatoire.",
        ),
        (
            ("lea.martin@convergence93.fr", "Léa", "M4rtin"),
            "--last-name : Utilisez seulement des lettres",
        ),
    ] {
        let (status, output) = create_coordinator(app.database_url(), &sink, input)
            .finish()
            .await;
        assert!(!status.success(), "{input:?}: {output}");
        assert!(output.contains(message), "{input:?}: {output}");
    }
    assert_eq!(staff_count(&app.db).await, staff_before);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 1, "no mail for a refusal");
}

for_both_backends!(create_coordinator_opens_the_first_account);

/// Once the database holds a real account, the demo (and its published password) never loads
/// into it; nor does `create-coordinator` run on a demo database.
async fn the_demo_is_refused_on_a_database_holding_other_data(backend: Backend) {
    let Some((db, database)) = migrated_database(backend).await else {
        return;
    };
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let (status, output) = create_coordinator(
        database.url(),
        &sink,
        ("nadia.ferhat@convergence93.fr", "Nadia", "Ferhat"),
    )
    .finish()
    .await;
    assert!(status.success(), "{output}");
    let output = refused_at_start(&demo_env(database.url(), &sink)).await;
    assert!(
        output.contains("cette base de données contient déjà des données qui ne viennent pas de la démonstration")
            && output.contains("this database already holds data that does not come from the demo"),
        "{output}"
    );
    assert_eq!(people(&db).await, 1, "no demo account was added");

    let Some((demo_db, demo)) = migrated_database(backend).await else {
        return;
    };
    serves(&demo_env(demo.url(), &sink)).await;
    let (status, output) = create_coordinator(
        demo.url(),
        &sink,
        ("nadia.ferhat@convergence93.fr", "Nadia", "Ferhat"),
    )
    .finish()
    .await;
    assert!(!status.success(), "{output}");
    assert!(
        output.contains("Cette base de données contient la démonstration")
            && output.contains("This database holds the demo"),
        "{output}"
    );
    assert_eq!(
        staff_member::Entity::find()
            .filter(staff_member::Column::Role.eq("coordinator"))
            .count(&demo_db)
            .await
            .expect("a count"),
        2,
        "the demo's two coordinators, no third"
    );
}

for_both_backends!(the_demo_is_refused_on_a_database_holding_other_data);

// --- stopping ---------------------------------------------------------------------------------

/// Starts `ateliers serve` on a fresh SQLite database (no demo) and waits until it answers.
async fn serving(folder: &Path, sink: &SmtpSink, grace_seconds: u64) -> (Run, u16) {
    serving_with(folder, sink, grace_seconds, &[]).await
}

async fn serving_with(
    folder: &Path,
    sink: &SmtpSink,
    grace_seconds: u64,
    more: &[(&'static str, String)],
) -> (Run, u16) {
    let port = free_port();
    let mut env = vec![
        ("DATABASE_URL", sqlite_url(folder)),
        ("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}")),
        ("MAIL_BACKEND", "smtp".to_owned()),
        ("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port())),
        ("GRACEFUL_STOP_SECONDS", grace_seconds.to_string()),
    ];
    env.extend(more.iter().cloned());
    let mut serve = Run::start(&["serve"], &env);
    let client = reqwest::Client::new();
    let started = Instant::now();
    loop {
        if let Ok(response) = client
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
            && response.status() == 200
        {
            return (serve, port);
        }
        if let Some(status) = serve.exit_within(Duration::from_millis(200)).await {
            panic!("it stopped ({status}):\n{}", serve.output());
        }
        assert!(
            started.elapsed() < Duration::from_secs(90),
            "not ready after 90 s:\n{}",
            serve.output()
        );
    }
}

/// Asks it to stop, as systemd does.
fn terminate(run: &Run) {
    let pid = run.child.as_ref().expect("running").id();
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
}

/// Opens a connection and sends a form post to a server function without the last bytes of
/// its body: a request in flight.
async fn request_in_flight(port: u16) -> (tokio::net::TcpStream, &'static [u8]) {
    use tokio::io::AsyncWriteExt;
    let body: &'static [u8] = b"email=personne%40exemple.fr";
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("a connection");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Origin: http://127.0.0.1:{port}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len(),
        path = support::server_fn_path::<app::server_fns::RequestSignInLink>(),
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&body[..5]).await.unwrap();
    (stream, &body[5..])
}

/// On SIGTERM a request in flight is answered, then the process exits 0 (systemd and
/// container runtimes stop it this way on every upgrade).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_a_request_in_flight_finish_and_exits_0() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let folder = tempfile::tempdir().expect("a folder");
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let (mut serve, port) = serving(folder.path(), &sink, 20).await;
    let (mut stream, rest) = request_in_flight(port).await;
    // Its headers are read before the stop is asked.
    tokio::time::sleep(Duration::from_millis(300)).await;

    terminate(&serve);
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        serve.exit_within(Duration::ZERO).await.is_none(),
        "it stopped with a request in flight:\n{}",
        serve.output()
    );
    stream.write_all(rest).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the answer comes")
        .expect("the answer is read");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let status = serve
        .exit_within(Duration::from_secs(10))
        .await
        .unwrap_or_else(|| panic!("still running after the request:\n{}", serve.output()));
    assert!(status.success(), "{status}:\n{}", serve.output());
}

/// A request that never completes does not hold the stop: after `GRACEFUL_STOP_SECONDS` its
/// connection is closed and the process exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_never_ends_is_cut_after_the_grace_period() {
    let folder = tempfile::tempdir().expect("a folder");
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let (mut serve, port) = serving(folder.path(), &sink, 2).await;
    let (_stream, _rest) = request_in_flight(port).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let asked = Instant::now();
    terminate(&serve);
    let status = serve
        .exit_within(Duration::from_secs(15))
        .await
        .unwrap_or_else(|| panic!("still running 15 s after SIGTERM:\n{}", serve.output()));
    assert!(status.success(), "{status}:\n{}", serve.output());
    assert!(
        asked.elapsed() >= Duration::from_secs(2),
        "it did not wait for the request in flight"
    );
    assert!(
        serve
            .output()
            .contains("requests still in flight after the grace period"),
        "{}",
        serve.output()
    );
}

/// `LOG_FORMAT=json`: one JSON object a line; each answer's line has its request id (the one
/// sent back in `X-Request-Id`), the route's template, the status, the latency and the kind of
/// actor — and never the path, which may carry a token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_logs_give_one_line_per_answer_without_its_path() {
    let folder = tempfile::tempdir().expect("a folder");
    let sink = SmtpSink::start(None).await.expect("the sink starts");
    let (mut serve, port) = serving_with(
        folder.path(),
        &sink,
        2,
        &[("LOG_FORMAT", "json".to_owned())],
    )
    .await;
    let token = "jeton-secret-de-connexion-0123456789";
    let answer = reqwest::get(format!("http://127.0.0.1:{port}/connexion/{token}"))
        .await
        .expect("an answer");
    let request_id = answer.headers()["x-request-id"]
        .to_str()
        .expect("text")
        .to_owned();
    assert_eq!(request_id.len(), 16);
    let status = answer.status().as_u16();
    terminate(&serve);
    serve
        .exit_within(Duration::from_secs(15))
        .await
        .expect("it stops");
    let output = serve.output();
    assert!(!output.contains(token), "the token is logged:\n{output}");
    let mut found = None;
    for line in output.lines().filter(|line| !line.trim().is_empty()) {
        let parsed: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|error| panic!("not JSON ({error}): {line}"));
        if parsed["fields"]["request_id"] == request_id.as_str() {
            found = Some(parsed);
        }
    }
    let line = found.unwrap_or_else(|| panic!("no line for the request:\n{output}"));
    let fields = &line["fields"];
    assert_eq!(line["target"], "ateliers::requests");
    assert_eq!(fields["route"], "/connexion/{token}");
    assert_eq!(fields["method"], "GET");
    assert_eq!(fields["status"], status);
    assert_eq!(fields["actor"], "anonymous");
    assert!(
        fields["latency_ms"].as_f64().is_some_and(|ms| ms > 0.0),
        "{line}"
    );
}
