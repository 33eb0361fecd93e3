//! Production's shape, for real: Debian's nginx in front of two `ateliers serve` processes on
//! one PostgreSQL database, with the proxy configuration `docs/deploy/nginx-proxy.conf`.
//!
//! - Both instances start at the same moment on an empty database: one schema, no error.
//! - A youth's journey (sign-in link, enrol, cancel) goes through the proxy while nginx
//!   alternates between the instances (each one's `/metrics` shows it served part of it).
//! - One instance is killed (SIGKILL) once the youth was told they hold a place: the place, the
//!   session and the mail are all still there, and the journey goes on through the other.
//! - The audit log and the rate limits see the youth's address, not the proxy's, and a client
//!   cannot choose its address by sending its own `X-Forwarded-For`.
//!
//! The proxy reaches the instances from 127.0.0.2 (`proxy_bind`), the only `TRUSTED_PROXIES`
//! address; clients come from other loopback addresses (127.0.0.7, .8, .9).

use crate::support;

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use app::server_fns::{CancelEnrolment, EnrolInSession, RedeemSignInLink, RequestSignInLink};
use migrations::MigratorTrait;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use server::smtp_sink::SmtpSink;
use shared::domain::{PersonId, SessionId, Standing, YouthPlaceView};
use shared::entities::{audit_event, person, youth};
use support::{Backend, TestDatabase, server_fn_path, session_cookie_set};

const PROXY: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
const YOUTH: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 7);
const METRICS_TOKEN: &str = "jeton-de-test-des-metriques";

/// A process the test started, killed when dropped; its output kept in a file.
struct Process {
    child: Option<Child>,
    log: PathBuf,
}

impl Process {
    fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn still_running(&mut self) -> bool {
        self.child
            .as_mut()
            .is_some_and(|child| child.try_wait().ok().flatten().is_none())
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

fn serve(folder: &Path, name: &str, port: u16, env: &[(&str, String)]) -> Process {
    let log = folder.join(format!("{name}.log"));
    let mut command = Command::new(env!("CARGO_BIN_EXE_ateliers"));
    command
        .arg("serve")
        .current_dir(folder)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "info,sqlx=warn,sea_orm=warn")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .envs(support::clock_env())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).expect("a log"))
        .stderr(std::fs::File::create(folder.join(format!("{name}.err"))).expect("a log"));
    for (name, value) in env {
        command.env(name, value);
    }
    Process {
        child: Some(command.spawn().expect("ateliers starts")),
        log,
    }
}

/// nginx, as root or not, entirely inside `folder`, in front of `instances`.
fn nginx(folder: &Path, port: u16, instances: &[u16]) -> Option<Process> {
    let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|path| Path::new(path).exists());
    let Some(binary) = binary else {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("nginx is not installed (.ci/install-tools test installs it)");
        }
        eprintln!("\n!!! nginx is not installed: the proxy test did NOT run.\n");
        return None;
    };
    let snippet = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/deploy/nginx-proxy.conf");
    let servers: String = instances
        .iter()
        .map(|port| format!("        server 127.0.0.1:{port} max_fails=1 fail_timeout=30s;\n"))
        .collect();
    let dir = folder.display();
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| output.stdout.starts_with(b"0\n"));
    let config = format!(
        "{user}worker_processes 1;\n\
         error_log {dir}/nginx-error.log warn;\n\
         pid {dir}/nginx.pid;\n\
         events {{ worker_connections 512; }}\n\
         http {{\n\
             access_log {dir}/nginx-access.log;\n\
             client_body_temp_path {dir}/body;\n\
             proxy_temp_path {dir}/proxy;\n\
             fastcgi_temp_path {dir}/fastcgi;\n\
             uwsgi_temp_path {dir}/uwsgi;\n\
             scgi_temp_path {dir}/scgi;\n\
             upstream ateliers {{\n{servers}        keepalive 8;\n    }}\n\
             server {{\n\
                 listen 127.0.0.1:{port};\n\
                 location / {{\n\
                     proxy_bind {PROXY};\n\
                     include {snippet};\n\
                 }}\n\
             }}\n\
         }}\n",
        user = if root { "user root;\n" } else { "" },
        snippet = snippet.display(),
    );
    let config_file = folder.join("nginx.conf");
    std::fs::write(&config_file, config).expect("the nginx configuration");
    let log = folder.join("nginx.out");
    let child = Command::new(binary)
        .args(["-p", &dir.to_string(), "-c"])
        .arg(&config_file)
        .args(["-g", "daemon off;"])
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).expect("a log"))
        .stderr(Stdio::from(
            std::fs::File::create(folder.join("nginx.err")).expect("a log"),
        ))
        .spawn()
        .expect("nginx starts");
    Some(Process {
        child: Some(child),
        log,
    })
}

/// An HTTP client whose connections leave from `address`.
fn client_from(address: Ipv4Addr) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::V4(address))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

async fn wait_until_ready(port: u16, processes: &mut [&mut Process]) {
    let client = reqwest::Client::new();
    let started = Instant::now();
    loop {
        if let Ok(answer) = client
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .send()
            .await
            && answer.status() == 200
        {
            return;
        }
        for process in processes.iter_mut() {
            assert!(
                process.still_running(),
                "an instance stopped:\n{}",
                process.output()
            );
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "not ready within a minute"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Requests this instance answered, outside `/readyz` and `/metrics`, from its `/metrics`.
async fn journey_requests_served(port: u16) -> u64 {
    let text = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/metrics"))
        .bearer_auth(METRICS_TOKEN)
        .send()
        .await
        .expect("/metrics answers")
        .text()
        .await
        .expect("a body");
    text.lines()
        .filter(|line| line.starts_with("ateliers_http_requests_total{"))
        .filter(|line| !line.contains("route=\"/readyz\"") && !line.contains("route=\"/metrics\""))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum::<f64>() as u64
}

struct Proxy {
    address: String,
    client: reqwest::Client,
}

impl Proxy {
    /// A server function called as the islands call it, through the proxy.
    async fn call(
        &self,
        path: &str,
        form: &[(&str, String)],
        session: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("Origin", &self.address)
            .header("Accept", "application/json")
            .form(form);
        if let Some(session) = session {
            request = request.header("Cookie", format!("ateliers_session={session}"));
        }
        request.send().await.expect("the proxy answers")
    }

    async fn page(&self, path: &str, session: Option<&str>) -> (u16, String) {
        let mut request = self.client.get(format!("{}{path}", self.address));
        if let Some(session) = session {
            request = request.header("Cookie", format!("ateliers_session={session}"));
        }
        let answer = request.send().await.expect("the proxy answers");
        (
            answer.status().as_u16(),
            answer.text().await.expect("a body"),
        )
    }
}

fn link_token(raw: &str) -> String {
    let parsed = mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .expect("a message");
    let body = parsed.body_text(0).expect("a text body");
    let start = body.find("/connexion/").expect("a sign-in link") + "/connexion/".len();
    body[start..]
        .split_whitespace()
        .next()
        .expect("a token")
        .to_owned()
}

async fn a_youth_and_a_session(db: &DatabaseConnection) -> (PersonId, String, SessionId) {
    let youth_ids: Vec<PersonId> = youth::Entity::find()
        .select_only()
        .column(youth::Column::PersonId)
        .into_tuple()
        .all(db)
        .await
        .unwrap();
    let person = person::Entity::find()
        .filter(person::Column::Id.is_in(youth_ids))
        .filter(person::Column::Email.is_not_null())
        .order_by_asc(person::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("a youth with an email");
    let session = support::demo::empty_session_ahead(db, None).await;
    (person.id, person.email.unwrap(), session)
}

async fn place_of(answer: reqwest::Response) -> YouthPlaceView {
    let status = answer.status();
    let body = answer.text().await.unwrap();
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Link requests at once through the proxy from `client` (each for its own unknown address, so
/// only the per-network limit counts), claiming `claimed` as their origin: how many were refused.
async fn refused_link_requests(
    proxy: &Proxy,
    client: Ipv4Addr,
    count: usize,
    claimed: &str,
) -> usize {
    let from = client_from(client);
    let answers = futures::future::join_all((0..count).map(|i| {
        from.post(format!(
            "{}{}",
            proxy.address,
            server_fn_path::<RequestSignInLink>()
        ))
        .header("Origin", &proxy.address)
        .header("Accept", "application/json")
        .header("X-Forwarded-For", claimed)
        .form(&[("email", format!("inconnu.{client}.{i}@exemple.fr"))])
        .send()
    }))
    .await;
    answers
        .into_iter()
        .map(|answer| answer.expect("an answer"))
        .filter(|answer| answer.status() == 429)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_behind_nginx_serve_a_youth_and_lose_nothing_when_one_dies() {
    let Some(database) = TestDatabase::create(Backend::Postgres).await else {
        return;
    };
    let folder = tempfile::tempdir().expect("a folder");
    let sink = SmtpSink::start(Some(folder.path().join("mail")))
        .await
        .expect("the SMTP sink");
    let (first_port, second_port, proxy_port) = (free_port(), free_port(), free_port());
    let proxy_address = format!("http://127.0.0.1:{proxy_port}");
    let settings = |dispatch_ms: u64| {
        vec![
            ("DATABASE_URL", database.url().to_owned()),
            ("MAIL_BACKEND", "smtp".to_owned()),
            ("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port())),
            ("ATELIERS_PUBLIC_URL", proxy_address.clone()),
            ("TRUSTED_PROXIES", PROXY.to_string()),
            ("METRICS_TOKEN", METRICS_TOKEN.to_owned()),
            ("MAIL_DISPATCH_INTERVAL_MS", dispatch_ms.to_string()),
            ("GRACEFUL_STOP_SECONDS", "2".to_owned()),
        ]
    };

    // Both at the same moment on an empty database. The first instance's dispatcher passes
    // once an hour: it holds no claim on a message when it is killed (a killed instance's
    // claim expires after five minutes, `outbox.rs`), so the mail the journey expects leaves
    // through the second.
    let mut first = serve(folder.path(), "first", first_port, &settings(3_600_000));
    let mut second = serve(folder.path(), "second", second_port, &settings(50));
    wait_until_ready(first_port, &mut [&mut first, &mut second]).await;
    wait_until_ready(second_port, &mut [&mut first, &mut second]).await;
    let db = shared::services::connect_database(database.url())
        .await
        .expect("the database");
    let applied = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n, COUNT(DISTINCT version) AS d FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    let expected = migrations::Migrator::migrations().len() as i64;
    assert_eq!(applied.try_get::<i64>("", "n").unwrap(), expected);
    assert_eq!(applied.try_get::<i64>("", "d").unwrap(), expected);
    for instance in [&first, &second] {
        let output = instance.output();
        assert!(!output.contains("ERROR"), "{output}");
    }

    // The federation's people and sessions (the demo's, as a fixture).
    shared::services::load_demo_data(&db, support::now())
        .await
        .expect("the demo data");
    let (youth_id, email, session_id) = a_youth_and_a_session(&db).await;
    let Some(_nginx) = nginx(folder.path(), proxy_port, &[first_port, second_port]) else {
        return;
    };
    let proxy = Proxy {
        address: proxy_address.clone(),
        client: client_from(YOUTH),
    };
    let started = Instant::now();
    while proxy
        .client
        .get(format!("{proxy_address}/healthz"))
        .send()
        .await
        .is_err()
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "nginx does not answer"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The youth asks for a sign-in link and follows it, through the proxy.
    let (status, page) = proxy.page("/connexion", None).await;
    assert_eq!(status, 200, "{page}");
    let asked = proxy
        .call(
            server_fn_path::<RequestSignInLink>(),
            &[("email", email.clone())],
            None,
        )
        .await;
    assert_eq!(asked.status(), 200, "{}", asked.text().await.unwrap());
    let link_mail = sink.wait_for(1, Duration::from_secs(10)).await;
    assert!(
        link_mail[0]
            .raw
            .contains(&format!("{proxy_address}/connexion/")),
        "the link leads to the proxy"
    );
    let token = link_token(&link_mail[0].raw);
    let (status, _) = proxy.page(&format!("/connexion/{token}"), None).await;
    assert_eq!(status, 200);
    let redeemed = proxy
        .call(
            server_fn_path::<RedeemSignInLink>(),
            &[("token", token.clone())],
            None,
        )
        .await;
    let session = session_cookie_set(&redeemed).expect("signed in through the proxy");
    let enrol_form = [("session_id", session_id.to_string())];
    let place = place_of(
        proxy
            .call(
                server_fn_path::<EnrolInSession>(),
                &enrol_form,
                Some(&session),
            )
            .await,
    )
    .await;
    assert_eq!(place.standing, Some(Standing::Registered));

    // nginx alternated: each instance served part of the journey.
    let (by_first, by_second) = (
        journey_requests_served(first_port).await,
        journey_requests_served(second_port).await,
    );
    assert!(
        by_first >= 2 && by_second >= 2,
        "requests served: first {by_first}, second {by_second}"
    );

    // The youth was told they hold a place: the first instance dies.
    first.kill();
    for _ in 0..4 {
        let (status, mine) = proxy.page("/mes-inscriptions", Some(&session)).await;
        assert_eq!(status, 200, "{mine}");
        assert!(mine.contains(&format!("/ateliers/{session_id}")), "{mine}");
    }
    let cancelled = place_of(
        proxy
            .call(
                server_fn_path::<CancelEnrolment>(),
                &enrol_form,
                Some(&session),
            )
            .await,
    )
    .await;
    assert_eq!(cancelled.standing, None, "{cancelled:?}");
    // The invitation and its cancellation both reach the youth.
    let started = Instant::now();
    let has = |method: &str| {
        sink.messages()
            .iter()
            .any(|message| message.envelope_to.contains(&email) && message.raw.contains(method))
    };
    while !(has("METHOD:REQUEST") && has("METHOD:CANCEL")) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the invitation and its cancellation never came: {} messages",
            sink.messages().len()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // The audit log names the youth's address, never the proxy's.
    let sign_ins = audit_event::Entity::find()
        .filter(audit_event::Column::ActorId.eq(youth_id))
        .all(&db)
        .await
        .unwrap();
    assert!(!sign_ins.is_empty(), "the sign-in is audited");
    for event in &sign_ins {
        assert_eq!(event.ip_address.as_deref(), Some(&*YOUTH.to_string()));
    }
    assert_eq!(
        audit_event::Entity::find()
            .filter(audit_event::Column::IpAddress.eq(PROXY.to_string()))
            .count(&db)
            .await
            .unwrap(),
        0
    );

    // Rate limits count per client behind the proxy: one client's 101st try is refused, even
    // when it claims another address; the next client is not.
    let greedy = Ipv4Addr::new(127, 0, 0, 8);
    assert_eq!(
        refused_link_requests(&proxy, greedy, 100, "203.0.113.1").await,
        0
    );
    assert_eq!(
        refused_link_requests(&proxy, greedy, 1, "203.0.113.2").await,
        1
    );
    assert_eq!(
        refused_link_requests(&proxy, Ipv4Addr::new(127, 0, 0, 9), 1, "203.0.113.1").await,
        0,
        "another client has its own bucket"
    );
    assert!(second.still_running(), "{}", second.output());
    db.close().await.ok();
}
