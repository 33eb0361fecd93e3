//! `ateliers backup --to FILE` and `ateliers restore --from FILE`: a consistent copy of the whole
//! database, taken while the server runs, and its return into an empty database.
//!
//! - SQLite: `VACUUM INTO` copies the database from one read transaction (in WAL mode writers go
//!   on meanwhile): the backup is a plain SQLite file, checked with `PRAGMA integrity_check`
//!   before it is restored by copying it into place.
//! - PostgreSQL: `pg_dump --format=custom` (one snapshot), restored by `pg_restore` in one
//!   transaction. Both tools come with Debian's `postgresql-client`, of the server's major
//!   version or later. The password of `DATABASE_URL` goes to them in `PGPASSWORD`, never on
//!   their command line (which `ps` shows).
//!
//! A backup is written beside its final name and renamed once complete, so a FILE that exists is
//! a whole backup; an existing FILE is never overwritten, and a restore never writes into a
//! database that holds tables. Refusals say why and what to do, in French and in English
//! (operators read either).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// What a finished backup or restore reports to the operator.
#[derive(Debug)]
pub struct Copied {
    pub file: PathBuf,
    pub bytes: u64,
    pub took: Duration,
    /// Tables and rows of the restored database (restore only).
    pub tables: Option<(usize, i64)>,
}

/// The two kinds of backup file, told apart by their first bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Sqlite,
    PostgresCustom,
}

impl Format {
    fn of(file: &Path) -> anyhow::Result<Self> {
        use std::io::Read;
        let mut head = [0_u8; 16];
        let read = std::fs::File::open(file)
            .and_then(|mut opened| opened.read(&mut head))
            .with_context(|| format!("impossible de lire {0} / cannot read {0}", file.display()))?;
        match &head[..read] {
            head if head.starts_with(b"SQLite format 3\0") => Ok(Self::Sqlite),
            head if head.starts_with(b"PGDMP") => Ok(Self::PostgresCustom),
            _ => bail!(
                "{0} n'est pas une sauvegarde d'Ateliers (ni une base SQLite, ni un fichier de \
                 pg_dump au format custom).\n\
                 {0} is not an Ateliers backup (neither an SQLite database nor a pg_dump file in \
                 custom format).",
                file.display()
            ),
        }
    }
}

/// Writes a backup of the database at `database_url` to `to`, which must not exist.
pub async fn backup(database_url: &str, to: &Path) -> anyhow::Result<Copied> {
    let started = Instant::now();
    if to.exists() {
        bail!(
            "{0} existe déjà : une sauvegarde n'en écrase jamais une autre. Choisissez un autre \
             nom (par exemple avec la date et l'heure).\n\
             {0} already exists: a backup never overwrites another. Choose another name (e.g. \
             with the date and time).",
            to.display()
        );
    }
    let partial = partial_name(to);
    let _ = std::fs::remove_file(&partial);
    let written = match backend_of(database_url)? {
        DbBackend::Sqlite => vacuum_into(database_url, &partial).await,
        _ => pg_dump(database_url, &partial).await,
    };
    if let Err(error) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    std::fs::rename(&partial, to)
        .with_context(|| format!("cannot rename {} to {}", partial.display(), to.display()))?;
    Ok(Copied {
        file: to.to_owned(),
        bytes: std::fs::metadata(to)?.len(),
        took: started.elapsed(),
        tables: None,
    })
}

/// Restores the backup `from` into the database at `database_url`, which must hold no table.
pub async fn restore(database_url: &str, from: &Path) -> anyhow::Result<Copied> {
    let started = Instant::now();
    let format = Format::of(from)?;
    let backend = backend_of(database_url)?;
    match (format, backend) {
        (Format::Sqlite, DbBackend::Sqlite) => restore_sqlite(database_url, from).await?,
        (Format::PostgresCustom, DbBackend::Postgres) => pg_restore(database_url, from).await?,
        _ => bail!(
            "{0} est une sauvegarde {1} : elle ne se restaure que dans une base {1} (DATABASE_URL \
             désigne une base {2}).\n\
             {0} is a {1} backup: it only restores into a {1} database (DATABASE_URL names a {2} \
             database).",
            from.display(),
            match format {
                Format::Sqlite => "SQLite",
                Format::PostgresCustom => "PostgreSQL",
            },
            match backend {
                DbBackend::Sqlite => "SQLite",
                _ => "PostgreSQL",
            }
        ),
    }
    let db = shared::services::connect_database(database_url).await?;
    let tables = count_rows(&db).await?;
    db.close().await.ok();
    Ok(Copied {
        file: from.to_owned(),
        bytes: std::fs::metadata(from)?.len(),
        took: started.elapsed(),
        tables: Some(tables),
    })
}

fn backend_of(database_url: &str) -> anyhow::Result<DbBackend> {
    if database_url.starts_with("sqlite:") {
        Ok(DbBackend::Sqlite)
    } else if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        Ok(DbBackend::Postgres)
    } else {
        bail!(
            "DATABASE_URL doit commencer par sqlite: ou postgres:// / DATABASE_URL must start \
             with sqlite: or postgres://"
        )
    }
}

/// `FILE.partial`, in the same folder so that the final rename is atomic.
fn partial_name(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

async fn vacuum_into(database_url: &str, file: &Path) -> anyhow::Result<()> {
    let db = shared::services::connect_database(database_url).await?;
    let statement = Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [file.display().to_string().into()],
    );
    let copied = db.execute_raw(statement).await;
    db.close().await.ok();
    copied.with_context(|| format!("VACUUM INTO {} failed", file.display()))?;
    Ok(())
}

/// The file of an SQLite `DATABASE_URL` (`sqlite://data/ateliers.db?mode=rwc`).
fn sqlite_file(database_url: &str) -> anyhow::Result<PathBuf> {
    let path = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .unwrap_or(database_url);
    let path = path.split('?').next().unwrap_or_default();
    if path.is_empty() || path.starts_with(":memory:") {
        bail!("DATABASE_URL must name an SQLite file to restore into");
    }
    Ok(PathBuf::from(path))
}

async fn restore_sqlite(database_url: &str, from: &Path) -> anyhow::Result<()> {
    // The backup must be sound before anything is touched.
    let backup_url = format!("sqlite://{}?mode=ro", from.display());
    let backup = sea_orm::Database::connect(&backup_url).await?;
    let verdict = backup
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await?
        .and_then(|row| row.try_get_by_index::<String>(0).ok())
        .unwrap_or_default();
    backup.close().await.ok();
    if verdict != "ok" {
        bail!(
            "{0} est abîmée (PRAGMA integrity_check : {verdict}) : prenez une sauvegarde \
             antérieure.\n{0} is damaged (PRAGMA integrity_check: {verdict}): take an earlier \
             backup.",
            from.display()
        );
    }
    let target = sqlite_file(database_url)?;
    if target.exists() {
        let db = shared::services::connect_database(database_url).await?;
        let tables = table_names(&db).await?;
        db.close().await.ok();
        refuse_if_not_empty(&tables, database_url)?;
    }
    // Copied beside the target, then renamed over it: the target is the empty database or the
    // whole backup, never half of it. The empty database's WAL files go with it.
    let partial = partial_name(&target);
    std::fs::copy(from, &partial)
        .with_context(|| format!("cannot copy {} to {}", from.display(), partial.display()))?;
    std::fs::File::open(&partial)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let mut name = target.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
    std::fs::rename(&partial, &target).with_context(|| {
        format!(
            "cannot rename {} to {}",
            partial.display(),
            target.display()
        )
    })?;
    Ok(())
}

fn refuse_if_not_empty(tables: &[String], database_url: &str) -> anyhow::Result<()> {
    if tables.is_empty() {
        return Ok(());
    }
    let database = if database_url.starts_with("sqlite:") {
        sqlite_file(database_url)?.display().to_string()
    } else {
        without_password(database_url)?.0
    };
    bail!(
        "La base {database} n'est pas vide ({count} tables) : une restauration ne s'écrit que \
         dans une base vide, pour ne rien mélanger ni écraser. Créez une base neuve (createdb) ou \
         indiquez un autre fichier, puis mettez-la dans DATABASE_URL.\n\
         The database {database} is not empty ({count} tables): a restore only writes into an \
         empty database, so that nothing is mixed or overwritten. Create a new database \
         (createdb) or name another file, and set it in DATABASE_URL.",
        count = tables.len()
    )
}

/// The URL without its password, and the password (for `PGPASSWORD`).
fn without_password(database_url: &str) -> anyhow::Result<(String, Option<String>)> {
    let mut url = url::Url::parse(database_url).context("DATABASE_URL is not a valid URL")?;
    let password = url.password().map(|password| {
        percent_encoding::percent_decode_str(password)
            .decode_utf8_lossy()
            .into_owned()
    });
    let _ = url.set_password(None);
    Ok((url.to_string(), password))
}

async fn pg_dump(database_url: &str, file: &Path) -> anyhow::Result<()> {
    let (url, password) = without_password(database_url)?;
    run_postgres_tool(
        "pg_dump",
        &[
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            &file.display().to_string(),
            "--dbname",
            &url,
        ],
        password,
    )
    .await
}

async fn pg_restore(database_url: &str, from: &Path) -> anyhow::Result<()> {
    let db = shared::services::connect_database(database_url).await?;
    let tables = table_names(&db).await?;
    db.close().await.ok();
    refuse_if_not_empty(&tables, database_url)?;
    let (url, password) = without_password(database_url)?;
    run_postgres_tool(
        "pg_restore",
        &[
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            &url,
            &from.display().to_string(),
        ],
        password,
    )
    .await
}

async fn run_postgres_tool(
    tool: &str,
    arguments: &[&str],
    password: Option<String>,
) -> anyhow::Result<()> {
    let mut command = tokio::process::Command::new(tool);
    command.args(arguments).stdin(std::process::Stdio::null());
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    let output = match command.output().await {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => bail!(
            "{tool} est introuvable : installez le client PostgreSQL (Debian : apt install \
             postgresql-client), de la version du serveur ou plus récent.\n\
             {tool} was not found: install the PostgreSQL client (Debian: apt install \
             postgresql-client), of the server's version or later."
        ),
        Err(error) => return Err(error).context(format!("cannot run {tool}")),
    };
    if !output.status.success() {
        bail!(
            "{tool} a échoué / {tool} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

async fn table_names(db: &DatabaseConnection) -> anyhow::Result<Vec<String>> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name"
        }
        _ => {
            "SELECT table_name::text AS t FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1"
        }
    };
    Ok(db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?
        .iter()
        .filter_map(|row| row.try_get::<String>("", "t").ok())
        .collect())
}

/// Tables and rows in all: what the operator compares with what they expected.
async fn count_rows(db: &DatabaseConnection) -> anyhow::Result<(usize, i64)> {
    let backend = db.get_database_backend();
    let tables = table_names(db).await?;
    let mut rows = 0;
    for table in &tables {
        let count = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{table}\""),
            ))
            .await?
            .and_then(|row| row.try_get::<i64>("", "n").ok())
            .unwrap_or(0);
        rows += count;
    }
    Ok((tables.len(), rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_leaves_the_url_for_pgpassword() {
        let (url, password) =
            without_password("postgres://ateliers:s%40cret+1@db.example:5432/ateliers").unwrap();
        assert_eq!(url, "postgres://ateliers@db.example:5432/ateliers");
        assert_eq!(password.as_deref(), Some("s@cret+1"));
        let (url, password) = without_password("postgres://postgres@127.0.0.1/test").unwrap();
        assert_eq!(url, "postgres://postgres@127.0.0.1/test");
        assert_eq!(password, None);
    }

    #[test]
    fn the_sqlite_file_is_read_from_the_url() {
        assert_eq!(
            sqlite_file("sqlite://data/ateliers.db?mode=rwc").unwrap(),
            PathBuf::from("data/ateliers.db")
        );
        assert_eq!(
            sqlite_file("sqlite:///srv/ateliers/ateliers.db").unwrap(),
            PathBuf::from("/srv/ateliers/ateliers.db")
        );
        assert!(sqlite_file("sqlite::memory:").is_err());
    }
}
