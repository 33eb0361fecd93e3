//! `ateliers`: the server binary. `ateliers serve` (the default) runs the web app;
//! `ateliers migrate` applies the database migrations and exits.

use clap::{Parser, Subcommand};
use migrations::{Migrator, MigratorTrait};

use server::config::Settings;
use server::startup::{Application, build_mailer, shutdown_signal};
use server::telemetry::init_tracing;
use server::workers::run_mail_dispatcher;

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
    /// Deliver queued mail only, without serving HTTP (to scale delivery apart from the web).
    Worker,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    init_tracing(cli.settings.log_format);
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let application = Application::build(&cli.settings).await?;
            application.run_until(shutdown_signal()).await?;
        }
        Command::Worker => {
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            Migrator::up(&db, None).await?;
            let mailer = build_mailer(&cli.settings)?;
            let (stop_dispatcher, stop) = tokio::sync::watch::channel(false);
            let interval = std::time::Duration::from_millis(cli.settings.mail_dispatch_interval_ms);
            let dispatcher = tokio::spawn(run_mail_dispatcher(db, mailer, interval, stop));
            shutdown_signal().await;
            let _ = stop_dispatcher.send(true);
            dispatcher.await?;
        }
        Command::Migrate => {
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            Migrator::up(&db, None).await?;
            tracing::info!("migrations applied");
        }
    }
    Ok(())
}
