//! What a database holds, as every table's row count and a SHA-256 over its rows in order: to
//! prove that a request changed nothing, or that a restored backup holds what was acknowledged.

use std::collections::BTreeMap;

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sha2::{Digest, Sha256};

/// The database's tables (not the engine's own).
pub async fn table_names(db: &DatabaseConnection) -> Vec<String> {
    let backend = db.get_database_backend();
    let tables_sql = match backend {
        DbBackend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        _ => {
            "SELECT table_name::text AS t FROM information_schema.tables \
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    db.query_all_raw(Statement::from_string(backend, tables_sql))
        .await
        .expect("the tables")
        .iter()
        .map(|row| row.try_get::<String>("", "t").expect("a name"))
        .collect()
}

/// Every table's row count and digest.
pub async fn fingerprint(db: &DatabaseConnection) -> BTreeMap<String, (i64, String)> {
    let mut fingerprint = BTreeMap::new();
    for table in table_names(db).await {
        let rows = table_fingerprint(db, &table, "1 = 1").await;
        fingerprint.insert(table, rows);
    }
    fingerprint
}

/// The row count and digest of the rows of `table` matching the SQL `condition`, in the order of
/// their first column; every column counts, as the engine writes it as text.
pub async fn table_fingerprint(
    db: &DatabaseConnection,
    table: &str,
    condition: &str,
) -> (i64, String) {
    let backend = db.get_database_backend();
    let rows_sql = match backend {
        DbBackend::Sqlite => {
            let columns: Vec<String> = db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("SELECT name FROM pragma_table_info('{table}')"),
                ))
                .await
                .expect("the columns")
                .iter()
                .map(|row| row.try_get::<String>("", "name").expect("a column"))
                .collect();
            let row = columns
                .iter()
                .map(|column| format!("quote(\"{column}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            format!("SELECT {row} AS r FROM \"{table}\" WHERE {condition} ORDER BY 1")
        }
        _ => format!("SELECT t::text AS r FROM \"{table}\" t WHERE {condition} ORDER BY 1"),
    };
    let rows = db
        .query_all_raw(Statement::from_string(backend, rows_sql))
        .await
        .expect("the rows");
    let mut digest = Sha256::new();
    for row in &rows {
        let text = row.try_get::<Option<String>>("", "r").expect("a row");
        digest.update(text.unwrap_or_default().as_bytes());
        digest.update(b"\n");
    }
    (rows.len() as i64, format!("{:x}", digest.finalize()))
}
