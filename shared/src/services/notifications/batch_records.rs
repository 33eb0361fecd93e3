//! What the mails that name many things once share (`send_no_contact_alerts`,
//! `send_sheet_reminders`): each thing named is recorded (unique) in the transaction of its
//! mail, and a try that finds one already recorded by another worker rolls back and reads again,
//! so that no two mails name the same thing.

use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, TransactionSession};

use crate::ServiceError;

/// What one try at a person's mail did.
pub(crate) enum Batch {
    /// One mail naming this many things, recorded.
    Queued(usize),
    /// Nothing left to tell them, or no one (archived, no address) to tell.
    Nothing,
    /// Another worker recorded one of the things meanwhile: rolled back, to try again.
    Raced,
}

/// Tries one person's mail until it is queued or nothing is left. Each try reads again what is
/// still due, and a try that lost one of the `due` things to another worker reads one fewer, so
/// `due + 1` tries are enough. Returns how many things the queued mail names, if one was.
pub(crate) async fn try_until_settled<F, Fut>(
    due: usize,
    mut try_once: F,
) -> Result<Option<usize>, ServiceError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<Batch, ServiceError>>,
{
    for _ in 0..=due {
        match try_once().await? {
            Batch::Queued(named) => return Ok(Some(named)),
            Batch::Nothing => return Ok(None),
            Batch::Raced => {}
        }
    }
    Ok(None)
}

/// Records `rows`, each naming one thing with the mail queued in `txn`, and commits; should one
/// already be recorded on `unique` (another worker, between our read and our insert: on
/// PostgreSQL the insert waits for its transaction, then inserts nothing), rolls everything
/// back, mail included. The caller sorts `rows` by key, so that two workers recording
/// overlapping batches wait for each other rather than deadlock.
pub(crate) async fn record_batch<A>(
    txn: impl ConnectionTrait + TransactionSession,
    rows: Vec<A>,
    unique: [<A::Entity as EntityTrait>::Column; 2],
) -> Result<Batch, ServiceError>
where
    A: ActiveModelTrait,
{
    let mut recorded = 0;
    for chunk in rows.chunks(200) {
        recorded += A::Entity::insert_many(chunk.iter().cloned())
            .on_conflict(OnConflict::columns(unique).do_nothing().to_owned())
            .exec_without_returning(&txn)
            .await?;
    }
    if usize::try_from(recorded).ok() != Some(rows.len()) {
        // Another worker named some of these: its mail names them.
        txn.rollback().await?;
        return Ok(Batch::Raced);
    }
    txn.commit().await?;
    Ok(Batch::Queued(rows.len()))
}
