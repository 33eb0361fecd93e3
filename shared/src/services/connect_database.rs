use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Opens the pool for `database_url`: `sqlite://data/ateliers.db?mode=rwc` (the embedded default)
/// or `postgres://user@host/db` (several server instances on one database).
pub async fn connect_database(database_url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(database_url);
    options
        .max_connections(if database_url.starts_with("sqlite") {
            8
        } else {
            16
        })
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // WAL lets readers go on while one writer writes; it is a property of the file, so
        // setting it once is enough. sqlx already enables foreign keys and a busy timeout.
        db.execute_unprepared("PRAGMA journal_mode = WAL").await?;
    }
    Ok(db)
}
