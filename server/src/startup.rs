//! Starting an instance and its router. `Application::build` opens the database, applies the
//! migrations (under one lock, so instances started together agree), checks the demo mode,
//! loads the demo into an empty database when asked, precompresses the assets and builds the
//! router; `run_until` serves with the mail dispatcher and the reminders beside it, and on a stop
//! (Ctrl-C, SIGTERM: `shutdown_signal`) gives requests in flight `GRACEFUL_STOP_SECONDS`.
//!
//! Every request passes, outermost first: the log line and count (`telemetry`), the client's
//! address (`client_address`), the request's span (method and route pattern, never the path,
//! query or client: tokens travel in them), the security headers and Host check, compression,
//! the signed form errors, the actor and the CSRF check. `/pkg/*` (hashed names) is served from
//! `.br`/`.gz` twins, cached for a year, immutable.

use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::MatchedPath;
use axum::http::{HeaderValue, Request, header};
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use shared::mail::Mailer;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use app::state::{AppState, StateParts};
use app::{App, shell};

use crate::client_address::identify_client;
use crate::config::{MailBackend, Settings};
use crate::form_errors::{FormErrorSeal, seal_form_errors};
use crate::metrics::{Metrics, serve_metrics};
use crate::middleware::{identify_actor, reject_cross_site_requests};
use crate::precompress::precompress_assets;
use crate::routes::{
    PAPER_SCAN_BODY_LIMIT, REFUSAL_PAGE_STYLE, calendar_feed, download_attendance_document,
    download_local_mail, download_my_data, download_youth_data, export_figures, health_check,
    print_blank_attendance_sheet, readiness_check, upload_paper_sheet, verify_uploaded_document,
};
use crate::security_headers::{SecurityPolicy, provide_request_nonce, secure_responses};
use crate::start_checks::{check_demo_mode, check_mail_backend, check_rate_limits};
use crate::telemetry::observe_requests;
use crate::workers::{
    DispatchPlan, DispatcherHeartbeat, ReminderPlan, SmsPlan, SmsRoute, run_mail_dispatcher,
    run_reminders, run_sms_dispatcher,
};

/// A server bound to its port, ready to run, with its mail dispatcher.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
    db: DatabaseConnection,
    mailer: Mailer,
    mail_dispatch_interval: Duration,
    /// Where SMS go, if anywhere.
    sms: Option<SmsRoute>,
    reminders: ReminderPlan,
    /// The time its routes and workers read.
    clock: shared::clock::Clock,
    /// This instance's counters, for `/metrics`.
    metrics: Metrics,
    /// Whether the dispatcher runs, for `/readyz`.
    heartbeat: DispatcherHeartbeat,
    /// How long requests in flight get to finish once asked to stop.
    graceful_stop: Duration,
}

/// A year of the federation's past activity, in one transaction, for the figures.
async fn load_demo_past_year(
    db: &sea_orm::DatabaseConnection,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    let year = shared::services::generate_past_activity(
        &txn,
        2026,
        shared::services::ActivityScale::DEMO_YEAR,
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        youths = year.youths.len(),
        sessions = year.sessions.len(),
        "demo past year generated"
    );
    Ok(())
}

impl Application {
    /// Checks the mail backend, connects to the database, applies the migrations, checks that
    /// the demo stays away from production, loads the demo when asked, and binds.
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let mailer = build_mailer(settings)?;
        let sms = sms_route(settings)?;
        check_rate_limits(settings)?;
        let clock = settings.clock()?;
        if clock.is_shifted() {
            tracing::warn!(now = %clock.now(), "the clock is not the system's (a test's clock)");
        }
        let db = shared::services::connect_database(&settings.database_url)
            .await
            .context("cannot open the database")?;
        migrations::migrate(&db)
            .await
            .context("cannot apply the migrations")?;
        check_demo_mode(settings, &db).await?;
        if settings.demo && shared::services::load_demo_data(&db, clock.now()).await? {
            tracing::info!("demo data loaded into the empty database");
            if settings.demo_past_year {
                load_demo_past_year(&db, clock.now()).await?;
            }
        }

        let listener = TcpListener::bind(settings.site_addr)
            .await
            .with_context(|| format!("cannot listen on {}", settings.site_addr))?;
        let leptos_options = LeptosOptions::builder()
            .output_name("ateliers")
            .site_root(settings.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(listener.local_addr()?)
            .hash_files(hash_file_is_present())
            .build();
        let site_url = settings.public_url.clone().unwrap_or_else(|| {
            format!(
                "http://{}",
                listener
                    .local_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_default()
            )
        });
        let mail = settings.mail_settings(&site_url)?;
        let pkg_dir = std::path::Path::new(&settings.site_root).join("pkg");
        if pkg_dir.is_dir() {
            match tokio::task::spawn_blocking(move || precompress_assets(&pkg_dir)).await? {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "assets precompressed"),
                Err(error) => {
                    tracing::warn!(%error, "assets not precompressed: compressing on the fly")
                }
            }
        }
        if settings.demo {
            print_demo_accounts(&db, &mail.site_url, mailer.local_folder().is_some()).await;
        }
        let security = SecurityPolicy::new(settings.public_url.as_deref(), &[REFUSAL_PAGE_STYLE])?;
        let form_errors = FormErrorSeal::new(
            &shared::services::load_server_key(&db, crate::form_errors::KEY_NAME, clock.now())
                .await
                .context("cannot read the server's keys")?,
            clock.clone(),
        );
        let sealer = document_sealer(settings, &db, &mail.site_url, clock.now()).await?;
        let state = AppState::new(StateParts {
            leptos_options,
            db: db.clone(),
            mailer,
            sms_folder: match &sms {
                Some(SmsRoute::Folder(folder)) => Some(folder.path().to_path_buf()),
                _ => None,
            },
            secure_cookies: mail.site_url.starts_with("https://"),
            mail,
            demo: settings.demo,
            password_checks: shared::auth::PasswordChecks::new(settings.password_checks_at_once),
            rate_limits: settings.test_rate_limits.unwrap_or_default(),
            clock: clock.clone(),
            sealer,
            retention: settings.retention()?,
            public_list: shared::services::PublicListCache::default(),
            enrolments: shared::services::EnrolmentQueue::default(),
        });
        let heartbeat = DispatcherHeartbeat::default();
        let metrics = Metrics::new(settings.metrics_token.as_deref());
        Ok(Self {
            reminders: settings.reminder_plan(state.mail.clone())?,
            mailer: state.mailer.clone(),
            mail_dispatch_interval: Duration::from_millis(settings.mail_dispatch_interval_ms),
            sms,
            router: router(state.clone(), security, form_errors)
                .layer(axum::middleware::from_fn_with_state(
                    std::sync::Arc::new(settings.trusted_proxies.clone()),
                    identify_client,
                ))
                .layer(axum::Extension(heartbeat.clone()))
                .layer(axum::Extension(metrics.clone()))
                .layer(axum::middleware::from_fn_with_state(
                    metrics.clone(),
                    observe_requests,
                )),
            heartbeat,
            metrics,
            graceful_stop: Duration::from_secs(settings.graceful_stop_seconds),
            clock,
            state,
            listener,
            db,
        })
    }

    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|address| address.port())
            .unwrap_or_default()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// What its requests reach: for tests that serve [`router`] with a variant of it.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves (and dispatches mail) until `shutdown` resolves. Then, within
    /// `GRACEFUL_STOP_SECONDS`: requests in flight finish (after it their connections close),
    /// the dispatcher claims no further message and ends the send in hand, the reminders end
    /// their pass. Whatever is still running at the deadline is cut short, and the messages the
    /// dispatcher still claims are released, so that another instance sends them at once
    /// rather than when the claim expires.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stop_workers, stop) = tokio::sync::watch::channel(false);
        let held = std::sync::Arc::new(shared::services::HeldClaims::default());
        let dispatcher = tokio::spawn(run_mail_dispatcher(
            self.db.clone(),
            DispatchPlan {
                mailer: self.mailer.clone(),
                interval: self.mail_dispatch_interval,
                clock: self.clock.clone(),
            },
            stop,
            self.heartbeat.start(),
            self.metrics.clone(),
            held.clone(),
        ));
        let sms_dispatcher = tokio::spawn({
            let plan = self.sms.map(|route| SmsPlan {
                route,
                interval: self.mail_dispatch_interval,
                clock: self.clock.clone(),
            });
            let (db, stop, metrics) = (
                self.db.clone(),
                stop_workers.subscribe(),
                self.metrics.clone(),
            );
            async move {
                if let Some(plan) = plan {
                    run_sms_dispatcher(db, plan, stop, metrics).await;
                }
            }
        });
        let reminders = tokio::spawn(run_reminders(
            self.db.clone(),
            self.reminders,
            stop_workers.subscribe(),
            self.clock.clone(),
        ));
        tracing::info!(address = %self.listener.local_addr()?, "Ateliers is listening");
        let (stopping, mut asked_to_stop) = tokio::sync::watch::channel(None);
        let serving = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop_workers.send(true);
            let _ = stopping.send(Some(tokio::time::Instant::now() + self.graceful_stop));
        });
        let grace = self.graceful_stop;
        let stop_deadline = asked_to_stop.clone();
        let deadline = async move {
            let asked = asked_to_stop
                .wait_for(Option::is_some)
                .await
                .map(|deadline| deadline.unwrap_or_else(tokio::time::Instant::now));
            match asked {
                Ok(deadline) => deadline,
                Err(_) => std::future::pending().await,
            }
        };
        let served = tokio::select! {
            served = serving.into_future() => served,
            () = async { tokio::time::sleep_until(deadline.await).await } => {
                tracing::warn!(?grace, "requests still in flight after the grace period: closed");
                Ok(())
            }
        };
        // The workers get what is left of the grace period.
        let asked_at_deadline = *stop_deadline.borrow();
        let left = asked_at_deadline.unwrap_or_else(|| tokio::time::Instant::now() + grace);
        for (name, worker) in [
            ("mail dispatcher", dispatcher),
            ("SMS dispatcher", sms_dispatcher),
            ("reminders", reminders),
        ] {
            let abort = worker.abort_handle();
            if tokio::time::timeout_at(left, worker).await.is_err() {
                abort.abort();
                tracing::warn!(
                    worker = name,
                    "still working after the grace period: cut short"
                );
            }
        }
        match shared::services::release_mail_claims(&self.db, &held).await {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "mail claims released for other instances"),
            Err(error) => {
                tracing::error!(%error, "mail claims not released: they expire in 5 minutes")
            }
        }
        self.db.close_by_ref().await.ok();
        served
    }
}

/// Every route, behind the security headers and Host check (outermost), compression, the
/// signed form errors, the actor and the CSRF check.
pub fn router(state: AppState, security: SecurityPolicy, form_errors: FormErrorSeal) -> Router {
    let routes = generate_route_list(App);
    let pkg_dir = format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    );
    // File names under /pkg carry a content hash: a browser may keep them for a year.
    let hashed_assets = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip()
                .not_found_service(axum::handler::HandlerWithoutStateExt::into_service(
                    not_found_asset,
                )),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));

    Router::new()
        .route("/", axum::routing::get(home_redirect))
        .route("/healthz", axum::routing::get(health_check))
        .route("/readyz", axum::routing::get(readiness_check))
        .route("/metrics", axum::routing::get(serve_metrics))
        .route(
            "/courriels/{id}/eml",
            axum::routing::get(download_local_mail),
        )
        .route("/calendrier/{file}", axum::routing::get(calendar_feed))
        .route("/s/{code}", axum::routing::get(open_short_link))
        .route(
            "/seances/{id}/emargement/documents/{document}",
            axum::routing::get(download_attendance_document),
        )
        .route(
            "/seances/{id}/emargement/a-signer.pdf",
            axum::routing::get(print_blank_attendance_sheet),
        )
        .route(
            "/seances/{id}/emargement/scan",
            // A scan is larger than axum's default 2 MB limit allows.
            axum::routing::post(upload_paper_sheet)
                .layer(axum::extract::DefaultBodyLimit::max(PAPER_SCAN_BODY_LIMIT)),
        )
        .route(
            "/verifier/fichier",
            axum::routing::post(verify_uploaded_document)
                .layer(axum::extract::DefaultBodyLimit::max(PAPER_SCAN_BODY_LIMIT)),
        )
        .route("/chiffres/{file}", axum::routing::get(export_figures))
        .route("/mes-donnees.zip", axum::routing::get(download_my_data))
        .route(
            "/jeunes/{id}/donnees.zip",
            axum::routing::get(download_youth_data),
        )
        .nest("/pkg", hashed_assets)
        .leptos_routes_with_context(
            &state,
            routes,
            {
                // Pages read the options to point at the (hashed) wasm of the islands, and
                // give their inline scripts the nonce of the answer's CSP.
                let options = state.leptos_options.clone();
                move || {
                    provide_context(options.clone());
                    provide_request_nonce();
                }
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .method_not_allowed_fallback(crate::refusals::method_not_allowed)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_request_nonce, shell))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            reject_cross_site_requests,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            identify_actor,
        ))
        .layer(axum::middleware::from_fn_with_state(
            form_errors,
            seal_form_errors,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn_with_state(
            security,
            secure_responses,
        ))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// An asset that is not there (an old hash after a deployment, a made-up name).
async fn not_found_asset() -> axum::response::Response {
    crate::refusals::not_found()
}

/// The span of a request in the logs: its method and route pattern (`/connexion/{token}`), never
/// its path or query (tokens travel in them) nor who sent it.
fn request_span<B>(request: &Request<B>) -> tracing::Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("(no route)", MatchedPath::as_str);
    tracing::debug_span!("request", method = %request.method(), route)
}

/// `/`: a signed-in person's home, or the public list of workshops for a visitor.
async fn home_redirect(
    axum::Extension(actor): axum::Extension<shared::domain::Actor>,
) -> axum::response::Redirect {
    match actor {
        shared::domain::Actor::Anonymous => axum::response::Redirect::to("/ateliers"),
        _ => axum::response::Redirect::to("/accueil"),
    }
}

/// `/s/1a3`, the short link an SMS carries: the session's public page, or the list of
/// sessions for a code that names none (a link mistyped from a phone's screen).
async fn open_short_link(
    axum::extract::Path(code): axum::extract::Path<String>,
) -> axum::response::Redirect {
    match shared::domain::sms::session_of_short_code(&code) {
        Some(session) => axum::response::Redirect::to(&format!("/ateliers/{session}")),
        None => axum::response::Redirect::to("/ateliers"),
    }
}

/// `make run` says how to sign in as each role (demo mode only: these accounts exist nowhere else).
async fn print_demo_accounts(db: &DatabaseConnection, site_url: &str, local_mail: bool) {
    match shared::services::demo_accounts(db).await {
        Ok(accounts) => {
            let mut text =
                format!("\n  Comptes de démonstration — se connecter sur {site_url}/connexion\n");
            for (role, email, how) in accounts {
                text.push_str(&format!("    {role:<36} {email}  ({how})\n"));
            }
            if local_mail {
                text.push_str(&format!("    Courriels envoyés : {site_url}/courriels\n"));
            }
            println!("{text}");
        }
        Err(error) => tracing::warn!(%error, "cannot list the demo accounts"),
    }
}

/// The key that seals issued PDFs: SEAL_KEY, or the one made at first start and kept in the
/// database (the same for every instance).
pub async fn document_sealer(
    settings: &Settings,
    db: &DatabaseConnection,
    site_url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<shared::auth::DocumentSealer> {
    match settings.seal_key.as_deref().filter(|key| !key.is_empty()) {
        Some(key) => Ok(shared::auth::DocumentSealer::from_setting(key, site_url)?),
        None => {
            let secret = shared::services::load_server_key(db, shared::auth::SEAL_KEY_NAME, now)
                .await
                .context("cannot read the server's keys")?;
            Ok(shared::auth::DocumentSealer::from_server_key(
                &secret, site_url,
            ))
        }
    }
}

/// The mail backend the settings ask for, once [`check_mail_backend`] allows it.
pub fn build_mailer(settings: &Settings) -> anyhow::Result<Mailer> {
    check_mail_backend(settings)?;
    Ok(match settings.mail_backend {
        MailBackend::Folder => Mailer::folder(&settings.mail_folder)
            .with_context(|| format!("cannot create the mail folder {}", settings.mail_folder))?,
        MailBackend::Smtp => Mailer::smtp(settings.smtp_url.as_deref().unwrap_or_default())
            .context("invalid SMTP_URL")?,
    })
}

/// Where SMS go: the SMPP gateway of SMS_URL; in the demo without it, SMS_FOLDER; otherwise
/// nowhere yet (they wait in the outbox, and the service's state page says so).
pub fn sms_route(settings: &Settings) -> anyhow::Result<Option<SmsRoute>> {
    match settings.sms_url.as_deref().filter(|url| !url.is_empty()) {
        Some(url) => {
            let smpp = shared::sms::SmppSettings::from_url(url, &settings.sms_sender).map_err(
                |error| anyhow::anyhow!("SMS_URL ou SMS_SENDER invalide / invalid: {error}"),
            )?;
            Ok(Some(SmsRoute::Smpp(smpp)))
        }
        None if settings.demo => {
            let folder =
                shared::sms::LocalSmsFolder::new(&settings.sms_folder, &settings.sms_sender)
                    .with_context(|| {
                        format!("cannot create the SMS folder {}", settings.sms_folder)
                    })?;
            Ok(Some(SmsRoute::Folder(folder)))
        }
        None => {
            tracing::warn!("SMS_URL is not set: SMS wait in the outbox until it is");
            Ok(None)
        }
    }
}

/// cargo-leptos writes `hash.txt` beside the binary it builds when it hashes asset names
/// (release builds); a binary built by plain `cargo` (tests) serves unhashed names.
fn hash_file_is_present() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|folder| folder.join("hash.txt").exists()))
        .unwrap_or(false)
}

/// Resolves on Ctrl-C or SIGTERM (what systemd and container runtimes send).
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
    // Give load balancers a moment to notice before connections close.
    tokio::time::sleep(Duration::from_millis(100)).await;
}
