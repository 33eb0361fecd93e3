//! `ateliers`: the server binary. `ateliers serve` (the default) runs the web app;
//! `ateliers migrate` applies the database migrations and exits; `ateliers worker` only delivers
//! mail and queues reminders; `ateliers create-coordinator` opens the first account;
//! `ateliers backup --to FILE` and `ateliers restore --from FILE` copy the whole database out
//! and back; `ateliers smtp-sink` and `ateliers smsc-sink` catch mail and SMS locally.

use clap::{Parser, Subcommand};

use server::config::Settings;
use server::create_coordinator::{CoordinatorArgs, create_coordinator};
use server::startup::{Application, build_mailer, shutdown_signal};
use server::telemetry::init_tracing;
use server::workers::{run_mail_dispatcher, run_reminders};

#[derive(Parser)]
#[command(
    name = "ateliers",
    about = "Ateliers collectifs des Missions Locales",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    settings: Settings,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Deliver queued mail and SMS and queue reminders, without serving HTTP (to scale delivery apart
    /// from the web).
    Worker,
    /// Open a coordinator account and mail its owner the link to choose a password: the first
    /// account of a federation, without the demo. Running it again for the same address
    /// creates nothing.
    CreateCoordinator(CoordinatorArgs),
    /// Write a consistent copy of the whole database to FILE while the server runs (SQLite:
    /// VACUUM INTO; PostgreSQL: pg_dump in custom format). FILE must not exist.
    Backup {
        #[arg(long, value_name = "FILE")]
        to: std::path::PathBuf,
    },
    /// Tell whether FILE is a PDF this installation issued, unaltered (as /verifier does):
    /// exit 0 and what it is, or exit 1.
    Verify {
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
    /// Minimise, once, the personal data due (as the reminder worker does daily), and erase the
    /// programme's evidence once its own period is over: each youth and each session in one
    /// transaction; print how many, then exit.
    Minimise,
    /// Print a new key for SEAL_KEY (the key that seals issued PDFs), then exit.
    SealKey,
    /// Restore a backup written by `ateliers backup` into the empty database of DATABASE_URL.
    Restore {
        #[arg(long, value_name = "FILE")]
        from: std::path::PathBuf,
    },
    /// A local SMTP server that accepts every message and keeps it as an `.eml` file: to try
    /// MAIL_BACKEND=smtp without a real mail server (the browser tests use it).
    SmtpSink {
        /// Loopback port to listen on.
        #[arg(long, default_value_t = 2525)]
        port: u16,
        /// Folder where each message is written as `NNNN.eml`.
        #[arg(long, default_value = "data/smtp-sink")]
        keep_in: std::path::PathBuf,
    },
    /// A local SMPP server (SMSC) that accepts every SMS and keeps it as a `.txt` file: to try
    /// SMS_URL without an operator (the browser tests use it). It prints the SMS_URL to use.
    SmscSink {
        /// Loopback port to listen on.
        #[arg(long, default_value_t = 2775)]
        port: u16,
        /// Folder where each SMS is written as `NNNN.txt`.
        #[arg(long, default_value = "data/smsc-sink")]
        keep_in: std::path::PathBuf,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    init_tracing(cli.settings.log_format);
    let clock = cli.settings.clock()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let application = Application::build(&cli.settings).await?;
            application.run_until(shutdown_signal()).await?;
        }
        Command::Worker => {
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            migrations::migrate(&db).await?;
            let mailer = build_mailer(&cli.settings)?;
            let (stop_dispatcher, stop) = tokio::sync::watch::channel(false);
            let interval = std::time::Duration::from_millis(cli.settings.mail_dispatch_interval_ms);
            let site_url = cli
                .settings
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", cli.settings.site_addr));
            let reminders = tokio::spawn(run_reminders(
                db.clone(),
                cli.settings
                    .reminder_plan(cli.settings.mail_settings(&site_url)?)?,
                stop.clone(),
                clock.clone(),
            ));
            let sms = server::startup::sms_route(&cli.settings)?.map(|route| {
                tokio::spawn(server::workers::run_sms_dispatcher(
                    db.clone(),
                    server::workers::SmsPlan {
                        route,
                        interval,
                        clock: clock.clone(),
                    },
                    stop.clone(),
                    server::metrics::Metrics::new(None),
                ))
            });
            let dispatcher = tokio::spawn(run_mail_dispatcher(
                db,
                server::workers::DispatchPlan {
                    mailer,
                    interval,
                    clock,
                },
                stop,
                server::workers::DispatcherHeartbeat::default().start(),
                server::metrics::Metrics::new(None),
                std::sync::Arc::default(),
            ));
            shutdown_signal().await;
            let _ = stop_dispatcher.send(true);
            dispatcher.await?;
            reminders.await?;
            if let Some(sms) = sms {
                sms.await?;
            }
        }
        Command::SmtpSink { port, keep_in } => {
            let sink = server::smtp_sink::SmtpSink::start_on(port, Some(keep_in.clone())).await?;
            tracing::info!(port = sink.port(), folder = %keep_in.display(), "SMTP sink listening");
            shutdown_signal().await;
        }
        Command::SmscSink { port, keep_in } => {
            let sink = server::smsc_sink::SmscSink::start_on(port, Some(keep_in.clone())).await?;
            tracing::info!(folder = %keep_in.display(), "SMSC sink listening");
            println!("SMS_URL={}", sink.url());
            shutdown_signal().await;
        }
        Command::Backup { to } => {
            let copied = server::backup::backup(&cli.settings.database_url, &to).await?;
            println!(
                "Sauvegarde écrite / backup written: {} ({} bytes, {:.1} s)",
                copied.file.display(),
                copied.bytes,
                copied.took.as_secs_f64()
            );
        }
        Command::Restore { from } => {
            let copied = server::backup::restore(&cli.settings.database_url, &from).await?;
            let (tables, rows) = copied.tables.unwrap_or_default();
            println!(
                "Restauration faite / restored: {} ({tables} tables, {rows} rows, {:.1} s). \
                 `ateliers serve` applies any newer migration at start.",
                copied.file.display(),
                copied.took.as_secs_f64()
            );
        }
        Command::CreateCoordinator(args) => create_coordinator(&cli.settings, &args).await?,
        Command::Verify { file } => {
            let content = std::fs::read(&file)
                .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", file.display()))?;
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            let sealer =
                server::startup::document_sealer(&cli.settings, &db, "", clock.now()).await?;
            let verdict = shared::services::verify_document(&db, &sealer, &content).await?;
            println!("{}", verdict.headline());
            match verdict {
                shared::domain::DocumentVerdict::Authentic(document) => {
                    println!("{}", document.issuance());
                    println!("SHA-256 : {}", document.sha256);
                }
                shared::domain::DocumentVerdict::Unknown => std::process::exit(1),
            }
        }
        Command::Minimise => {
            let retention = cli.settings.retention()?;
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            migrations::migrate(&db).await?;
            let run =
                shared::services::minimise_personal_data(&db, &retention, clock.now()).await?;
            println!(
                "Données minimisées / minimised: {} ; en attente (suspendus) / on hold: {}",
                run.minimised, run.held
            );
            if run.evidence != shared::services::EvidenceErasure::default() {
                println!(
                    "Preuves effacées / evidence erased: {} séances / sessions, {} jeunes / \
                     youths ; conservés (suspendus) / kept on hold: {}",
                    run.evidence.sessions, run.evidence.youths, run.evidence.held
                );
            }
        }
        Command::SealKey => println!(
            "SEAL_KEY={}",
            shared::auth::DocumentSealer::generate_setting()
        ),
        Command::Migrate => {
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            migrations::migrate(&db).await?;
            tracing::info!("migrations applied");
        }
    }
    Ok(())
}
