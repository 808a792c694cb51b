//! Turns of the server's periodic jobs (`job_runs`, migration 0013).

use super::{Db, on};

/// Claims this period's run of `name`: true when it was due and this call moved it to `next_at`.
/// Due is at or before `now`, or further ahead than `next_at` itself (a claim made by an
/// instance whose clock ran ahead must not stop the job on every instance until it comes). Of several instances claiming at once exactly one gets true: the
/// update re-reads the row after a concurrent one commits (SQLite: one writer; PostgreSQL: the
/// row lock, then the condition checked again on the new row).
pub async fn claim(
    db: impl Into<Db<'_>>,
    name: &str,
    now: i64,
    next_at: i64,
) -> Result<bool, sqlx::Error> {
    let mut db = db.into();
    on!(&mut db, |ex| {
        sqlx::query(
            "INSERT INTO job_runs (name, next_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(i64::MIN)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    let claimed = on!(&mut db, |ex| {
        sqlx::query(
            "UPDATE job_runs SET next_at = $1 WHERE name = $2 AND (next_at <= $3 OR next_at > $1)",
        )
        .bind(next_at)
        .bind(name)
        .bind(now)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(claimed == 1)
}
