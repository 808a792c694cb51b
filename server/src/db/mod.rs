//! The database: the pool, migrations, write transactions, and one module per group of tables
//! with plain async functions. SQL stays portable (`$1` placeholders, plain types, no SQLite-only
//! functions) so that a PostgreSQL module can join later.

pub mod activity;
pub mod customers;
pub mod directory;
pub mod invitations;
pub mod offers;
pub mod orders;
pub mod orgs;
pub mod partnerships;
pub mod rate;
pub mod sessions;
pub mod users;

use sqlx::{
    Sqlite, SqlitePool, Transaction,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{str::FromStr, time::Duration};

pub type Pool = SqlitePool;
pub type Tx = Transaction<'static, Sqlite>;

/// Opens (and creates, with its folder, on first start) the database and applies migrations.
pub async fn connect(url: &str, max_connections: u32) -> Result<Pool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        // A page of 50 rows (and one more to know there is a next page) crosses from the
        // connection's thread in one go instead of waiting for the reader at the 50th.
        .row_buffer_size(128);
    if let Some(parent) = options
        .get_filename()
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(parent).map_err(sqlx::Error::Io)?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        // A ping before every acquire is one more round trip to the connection's thread per query;
        // a broken SQLite connection fails its next query just as well.
        .test_before_acquire(false)
        .connect_with(options)
        .await?;
    migrate(&pool).await?;
    Ok(pool)
}

pub async fn migrate(pool: &Pool) -> Result<(), sqlx::Error> {
    sqlx::migrate!("./migrations").run(pool).await?;
    Ok(())
}

/// A write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`), so that
/// concurrent writers queue on the busy timeout instead of failing with "database is locked".
pub async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Whether an error is a uniqueness violation (the caller knows which constraint it guards).
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// A LIKE pattern matching any text that contains `s` (lower-cased; `\` escapes the wildcards).
pub fn like_contains(s: &str) -> String {
    format!(
        "%{}%",
        s.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
            .to_lowercase()
    )
}
