use sea_orm::{ConnectionTrait, DbBackend, DbErr, TransactionTrait};

/// Begins a transaction that will write. On SQLite it takes the write lock at once: a
/// transaction that reads first and writes later fails with "database is locked" — without
/// waiting — when another connection wrote in between. Taking the lock first makes it wait its
/// turn (the busy timeout) instead. On PostgreSQL rows are locked where each service needs it.
pub(crate) async fn begin_write<C>(db: &C) -> Result<C::Transaction, DbErr>
where
    C: TransactionTrait + ConnectionTrait,
    C::Transaction: ConnectionTrait,
{
    let txn = db.begin().await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Changes no row, but any write statement takes SQLite's write lock.
        txn.execute_unprepared("UPDATE workshop_types SET id = id WHERE 0")
            .await?;
    }
    Ok(txn)
}
