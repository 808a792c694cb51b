//! Rate-limiting events (sign-in attempts, answers to invitations), counted per key over a
//! sliding window.

use super::{Db, on};

pub async fn count_since(db: impl Into<Db<'_>>, key: &str, since: i64) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = on!(db, |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at >= $2"
    )
    .bind(key)
    .bind(since)
    .fetch_one(ex)
    .await)?;
    Ok(n)
}

pub async fn record(db: impl Into<Db<'_>>, key: &str, at: i64) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "INSERT INTO rate_events (key, at) VALUES ($1, $2)"
    )
    .bind(key)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn prune(db: impl Into<Db<'_>>, before: i64) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM rate_events WHERE at < $1"
    )
    .bind(before)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Forgets every event of a key (a successful sign-in clears its account's failures).
pub async fn clear(db: impl Into<Db<'_>>, key: &str) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM rate_events WHERE key = $1"
    )
    .bind(key)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Takes back the event recorded for `key` at `at`.
pub async fn forget(db: impl Into<Db<'_>>, key: &str, at: i64) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM rate_events WHERE key = $1 AND at = $2"
    )
    .bind(key)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
