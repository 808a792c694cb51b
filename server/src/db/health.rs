//! Whether the database can take writes now: the file is still the one the process opened, it
//! and its folder are writable, and the write lock comes within a short timeout. `/healthz`
//! answers from this, so that a load balancer stops sending work to an instance whose writes
//! would fail (a deleted folder, a read-only or full disk, a wedged lock), while its pages still
//! render from what SQLite has cached. On PostgreSQL the write lock is the advisory lock that
//! write transactions hold (`db::begin_write`), and a server that only reads (a standby) counts
//! as read-only.

use super::{BUSY_TIMEOUT, Backend, Pool};
use sqlx::{Connection, sqlite::SqliteConnectOptions};
use std::{
    os::unix::fs::MetadataExt,
    path::{Path, PathBuf},
    str::FromStr,
    time::{Duration, Instant},
};
use tokio::sync::Mutex;

/// How long the write lock may take before the database counts as locked.
const LOCK_TIMEOUT: Duration = Duration::from_secs(2);
/// How long the whole check may take (a pool whose connections are all stuck included).
const CHECK_TIMEOUT: Duration = Duration::from_secs(4);

/// Why the database cannot take writes, in words for an operator (never personal data).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the database file is gone ({0})")]
    Missing(String),
    #[error("the database file was replaced since the server opened it")]
    Replaced,
    #[error("the database is read-only")]
    ReadOnly,
    #[error("the database's write lock was not free within {0:?}")]
    Locked(Duration),
    #[error("the database did not answer: {0}")]
    Failing(String),
}

/// The check, and its last result (reused for `fresh`, so that a load balancer or a benchmark
/// polling `/healthz` many times a second costs one check a second; one runs at a time).
pub struct Probe {
    /// The database file, and its (device, inode) when the server opened it; `None` for an
    /// in-memory database.
    file: Option<(PathBuf, (u64, u64))>,
    fresh: Duration,
    last: Mutex<Option<(Instant, Result<(), Problem>)>>,
}

impl Probe {
    /// Records which file `url` names now (call right after opening it).
    pub fn new(url: &str, fresh: Duration) -> Self {
        let file = (super::backend_of(url) == Some(Backend::Sqlite))
            .then(|| SqliteConnectOptions::from_str(url).ok())
            .flatten()
            .map(|o| o.get_filename().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty() && p.as_os_str() != ":memory:")
            .and_then(|p| {
                let id = identity(&p).ok()?;
                Some((p, id))
            });
        Self {
            file,
            fresh,
            last: Mutex::new(None),
        }
    }

    /// The database's state, checked at most once per `fresh`.
    pub async fn check(&self, pool: &Pool) -> Result<(), Problem> {
        let mut last = self.last.lock().await;
        if let Some((at, result)) = last.as_ref()
            && at.elapsed() < self.fresh
        {
            return result.clone();
        }
        let result = self.check_now(pool).await;
        *last = Some((Instant::now(), result.clone()));
        result
    }

    async fn check_now(&self, pool: &Pool) -> Result<(), Problem> {
        if let Some((path, opened)) = &self.file {
            let now = identity(path).map_err(|e| Problem::Missing(e.kind().to_string()))?;
            if now != *opened {
                return Err(Problem::Replaced);
            }
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            for p in std::iter::once(path.as_path()).chain(folder) {
                if rustix::fs::access(p, rustix::fs::Access::WRITE_OK).is_err() {
                    return Err(Problem::ReadOnly);
                }
            }
        }
        // In a task of its own: a check abandoned by its caller still rolls back and puts the
        // busy timeout back.
        let task = tokio::spawn(take_write_lock(pool.clone()));
        match tokio::time::timeout(CHECK_TIMEOUT, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(e)) => Err(Problem::Failing(e.to_string())),
            Err(_) => Err(Problem::Failing(format!(
                "no answer within {CHECK_TIMEOUT:?}"
            ))),
        }
    }
}

fn identity(path: &Path) -> std::io::Result<(u64, u64)> {
    let m = std::fs::metadata(path)?;
    Ok((m.dev(), m.ino()))
}

/// Takes the write lock with a short timeout and gives it back at once.
async fn take_write_lock(pool: Pool) -> Result<(), Problem> {
    match pool {
        Pool::Sqlite(pool) => take_sqlite_write_lock(pool).await,
        Pool::Postgres(pool) => take_postgres_write_lock(pool).await,
    }
}

async fn take_sqlite_write_lock(pool: sqlx::SqlitePool) -> Result<(), Problem> {
    let failing = |e: sqlx::Error| Problem::Failing(e.to_string());
    let mut conn = pool.acquire().await.map_err(failing)?;
    set_busy_timeout(&mut conn, LOCK_TIMEOUT)
        .await
        .map_err(failing)?;
    let result = match conn.begin_with("BEGIN IMMEDIATE").await {
        Ok(tx) => tx.rollback().await.map_err(failing),
        Err(sqlx::Error::Database(e)) => Err(match e.code().and_then(|c| c.parse::<i64>().ok()) {
            Some(code) if code & 0xff == 5 => Problem::Locked(LOCK_TIMEOUT),
            Some(code) if code & 0xff == 8 => Problem::ReadOnly,
            _ => Problem::Failing(e.to_string()),
        }),
        Err(e) => Err(failing(e)),
    };
    if set_busy_timeout(&mut conn, BUSY_TIMEOUT).await.is_err() {
        // Never hand out a connection that gives up on the lock this early.
        conn.close_on_drop();
    }
    result
}

async fn take_postgres_write_lock(pool: sqlx::PgPool) -> Result<(), Problem> {
    let failing = |e: sqlx::Error| Problem::Failing(e.to_string());
    let mut tx = pool.begin().await.map_err(failing)?;
    let read_only: String = sqlx::query_scalar("SHOW transaction_read_only")
        .fetch_one(&mut *tx)
        .await
        .map_err(failing)?;
    if read_only == "on" {
        return Err(Problem::ReadOnly);
    }
    match super::take_postgres_write_lock(&mut tx, LOCK_TIMEOUT).await {
        Ok(()) => tx.rollback().await.map_err(failing),
        // lock_not_available
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("55P03") => {
            Err(Problem::Locked(LOCK_TIMEOUT))
        }
        Err(e) => Err(failing(e)),
    }
}

async fn set_busy_timeout(
    conn: &mut sqlx::SqliteConnection,
    timeout: Duration,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("PRAGMA busy_timeout = {}", timeout.as_millis()))
        .execute(conn)
        .await
        .map(|_| ())
}
