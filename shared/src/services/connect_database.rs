use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, RuntimeErr,
};

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
        switch_to_wal(&db).await?;
    }
    Ok(db)
}

/// WAL lets readers go on while one writer writes; it is a property of the file, so setting it
/// once is enough (sqlx already enables foreign keys and a busy timeout). Switching a new file
/// takes an exclusive lock, and SQLite answers « database is locked » at once, without waiting
/// for the busy timeout, to a connection that could otherwise deadlock — as when several
/// instances start together on a new file. So the switch is retried for a while.
async fn switch_to_wal(db: &DatabaseConnection) -> Result<(), DbErr> {
    const GIVE_UP_AFTER: Duration = Duration::from_secs(10);
    let started = tokio::time::Instant::now();
    let mut pause = Duration::from_millis(5);
    loop {
        match db.execute_unprepared("PRAGMA journal_mode = WAL").await {
            Err(error) if is_busy(&error) && started.elapsed() < GIVE_UP_AFTER => {
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_millis(200));
            }
            done => return done.map(|_| ()),
        }
    }
}

/// SQLITE_BUSY (5) and SQLITE_LOCKED (6), with their extended codes.
fn is_busy(error: &DbErr) -> bool {
    let (DbErr::Exec(RuntimeErr::SqlxError(error)) | DbErr::Query(RuntimeErr::SqlxError(error))) =
        error
    else {
        return false;
    };
    error
        .as_database_error()
        .and_then(|database| database.code())
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, SqliteTransactionMode, TransactionOptions, TransactionTrait};

    use super::connect_database;

    /// Instances started together on a new SQLite file (a first deployment, a restart of
    /// several workers) each open it, switch it to WAL and apply the migrations in a write
    /// transaction. Each must start: none may fail with « database is locked ».
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn instances_opening_a_new_sqlite_file_at_once_all_connect() {
        for round in 0..30 {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let url = format!(
                "sqlite://{}?mode=rwc",
                folder.path().join("ateliers.db").display()
            );
            let mut starts = tokio::task::JoinSet::new();
            for instance in 0..3 {
                let url = url.clone();
                starts.spawn(async move {
                    let db = connect_database(&url).await?;
                    let options = TransactionOptions {
                        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                        ..TransactionOptions::default()
                    };
                    let txn = db.begin_with_options(options).await?;
                    for table in 0..20 {
                        txn.execute_unprepared(&format!(
                            "CREATE TABLE IF NOT EXISTS t{table} (id INTEGER PRIMARY KEY, i{instance} TEXT)"
                        ))
                        .await?;
                    }
                    txn.commit().await
                });
            }
            while let Some(started) = starts.join_next().await {
                if let Err(error) = started.expect("no panic") {
                    panic!("round {round}: an instance did not start: {error}");
                }
            }
        }
    }
}
