//! `ateliers-migrate`: sea-orm-migration's CLI (`up`, `down`, `status`, `fresh`...), reading
//! `DATABASE_URL`. The server binary also runs `ateliers migrate`; this one exists for operators
//! who want the full migration toolbox.

use sea_orm_migration::prelude::*;

#[tokio::main]
async fn main() {
    cli::run_cli(migrations::Migrator).await;
}
