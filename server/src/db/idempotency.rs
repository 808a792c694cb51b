//! Idempotency keys of API calls: who claimed a key, for which request, and the answer once
//! there is one.

use super::{Db, Tx, on};
use app::model::OrgId;

#[derive(sqlx::FromRow)]
pub struct Claim {
    pub request_hash: String,
    pub status: Option<i64>,
    pub response: Option<String>,
    pub location: Option<String>,
    pub created_at: i64,
}

pub async fn find(tx: &mut Tx, org: OrgId, key: &str) -> Result<Option<Claim>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_as(
            "SELECT request_hash, status, response, location, created_at FROM api_idempotency
             WHERE organization_id = $1 AND key = $2",
        )
        .bind(org)
        .bind(key)
        .fetch_optional(ex)
        .await
    })
}

/// Forgets the organization's keys claimed before `before` (kept 24 hours).
pub async fn forget_older(tx: &mut Tx, org: OrgId, before: i64) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM api_idempotency WHERE organization_id = $1 AND created_at < $2"
    )
    .bind(org)
    .bind(before)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn claim(
    tx: &mut Tx,
    org: OrgId,
    key: &str,
    request_hash: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO api_idempotency (organization_id, key, request_hash, created_at)
         VALUES ($1, $2, $3, $4)"
    )
    .bind(org)
    .bind(key)
    .bind(request_hash)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Keeps the first answer.
pub async fn answer(
    db: impl Into<Db<'_>>,
    org: OrgId,
    key: &str,
    status: i64,
    response: &str,
    location: Option<&str>,
) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "UPDATE api_idempotency SET status = $1, response = $2, location = $3
         WHERE organization_id = $4 AND key = $5"
    )
    .bind(status)
    .bind(response)
    .bind(location)
    .bind(org)
    .bind(key)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Gives up a claim whose request did not finish (a server fault): the key may be used again.
pub async fn release(db: impl Into<Db<'_>>, org: OrgId, key: &str) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM api_idempotency WHERE organization_id = $1 AND key = $2 AND status IS NULL"
    )
    .bind(org)
    .bind(key)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
