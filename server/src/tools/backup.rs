//! `server backup --to FILE`: a consistent copy of a live SQLite database, made while the
//! server keeps serving (`VACUUM INTO` reads one snapshot, as any reader does, and writes a
//! compact file; writers are not held up). On PostgreSQL, `pg_dump` is the tool (README).

use crate::db::Pool;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Db(#[from] sqlx::Error),
    #[error("{0} already exists; name a new file")]
    Exists(String),
    #[error("the database is PostgreSQL: back it up with pg_dump (see the README)")]
    Postgres,
}

/// Writes the copy to `to`, a file that must not exist yet. Returns its size in bytes.
pub async fn backup(pool: &Pool, to: &Path) -> Result<u64, BackupError> {
    let Pool::Sqlite(pool) = pool else {
        return Err(BackupError::Postgres);
    };
    if to.exists() {
        return Err(BackupError::Exists(to.display().to_string()));
    }
    sqlx::query("VACUUM INTO $1")
        .bind(to.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(std::fs::metadata(to).map(|m| m.len()).unwrap_or(0))
}
