//! Failed sign-ins, counted per key over a sliding window.

use sqlx::{Executor, Sqlite};

pub async fn failures_since<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
    since: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at >= $2")
            .bind(key)
            .bind(since)
            .fetch_one(db)
            .await?;
    Ok(n)
}

pub async fn record<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn clear<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn prune<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    before: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE at < $1")
        .bind(before)
        .execute(db)
        .await?;
    Ok(())
}

/// Takes back the attempt recorded for `key` at `at` (a success).
pub async fn forget<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1 AND at = $2")
        .bind(key)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}
