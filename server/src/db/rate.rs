//! Rate-limiting events (sign-in attempts, answers to invitations), counted per key over a
//! sliding window.

use sqlx::{Executor, Sqlite};

pub async fn count_since<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
    since: i64,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at >= $2")
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
    sqlx::query("INSERT INTO rate_events (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn prune<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    before: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_events WHERE at < $1")
        .bind(before)
        .execute(db)
        .await?;
    Ok(())
}

/// Forgets every event of a key (a successful sign-in clears its account's failures).
pub async fn clear<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_events WHERE key = $1")
        .bind(key)
        .execute(db)
        .await?;
    Ok(())
}

/// Takes back the event recorded for `key` at `at`.
pub async fn forget<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    key: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_events WHERE key = $1 AND at = $2")
        .bind(key)
        .bind(at)
        .execute(db)
        .await?;
    Ok(())
}
