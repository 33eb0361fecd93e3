//! `ateliers`: the server binary. `ateliers serve` (the default) runs the web app;
//! `ateliers migrate` applies the database migrations and exits.

use clap::{Parser, Subcommand};
use migrations::{Migrator, MigratorTrait};

use server::config::Settings;
use server::startup::{Application, shutdown_signal};
use server::telemetry::init_tracing;

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
        Command::Migrate => {
            let db = shared::services::connect_database(&cli.settings.database_url).await?;
            Migrator::up(&db, None).await?;
            tracing::info!("migrations applied");
        }
    }
    Ok(())
}
