//! Idempotency keys of API calls: which token claimed a key, for which request, and the answer
//! once there is one. A claim is named by its token, key and `created_at`, so that a request
//! whose claim was taken over (abandoned, then claimed anew) cannot answer for the new one.

use super::{Db, Tx, on};
use app::model::OrgId;

#[derive(sqlx::FromRow)]
pub struct Claim {
    pub request_hash: String,
    pub status: Option<i64>,
    pub response: Option<String>,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub created_at: i64,
}

/// Who holds a claim.
pub struct Holder<'a> {
    pub token_id: &'a str,
    pub key: &'a str,
    pub created_at: i64,
}

pub async fn find(tx: &mut Tx, token_id: &str, key: &str) -> Result<Option<Claim>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_as(
            "SELECT request_hash, status, response, content_type, location, created_at
             FROM api_idempotency WHERE token_id = $1 AND key = $2",
        )
        .bind(token_id)
        .bind(key)
        .fetch_optional(ex)
        .await
    })
}

/// Forgets keys claimed before `before` (kept 24 hours), every token's.
pub async fn forget_older(db: impl Into<Db<'_>>, before: i64) -> Result<u64, sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM api_idempotency WHERE created_at < $1"
    )
    .bind(before)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
}

/// Forgets one key's claim, answered or not (it is older than a day, or abandoned).
pub async fn forget(tx: &mut Tx, token_id: &str, key: &str) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM api_idempotency WHERE token_id = $1 AND key = $2"
    )
    .bind(token_id)
    .bind(key)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn claim(
    tx: &mut Tx,
    holder: &Holder<'_>,
    org: OrgId,
    request_hash: &str,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO api_idempotency (token_id, key, organization_id, request_hash, created_at)
         VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(holder.token_id)
    .bind(holder.key)
    .bind(org)
    .bind(request_hash)
    .bind(holder.created_at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The first answer, kept for replays.
pub struct Answer<'a> {
    pub status: i64,
    pub response: &'a str,
    pub content_type: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// Keeps the first answer, if the claim is still this request's.
pub async fn answer(
    db: impl Into<Db<'_>>,
    holder: &Holder<'_>,
    a: &Answer<'_>,
) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "UPDATE api_idempotency SET status = $1, response = $2, content_type = $3, location = $4
         WHERE token_id = $5 AND key = $6 AND created_at = $7 AND status IS NULL"
    )
    .bind(a.status)
    .bind(a.response)
    .bind(a.content_type)
    .bind(a.location)
    .bind(holder.token_id)
    .bind(holder.key)
    .bind(holder.created_at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Gives up this request's claim (a server fault): the key may be used again.
pub async fn release(db: impl Into<Db<'_>>, holder: &Holder<'_>) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM api_idempotency
         WHERE token_id = $1 AND key = $2 AND created_at = $3 AND status IS NULL"
    )
    .bind(holder.token_id)
    .bind(holder.key)
    .bind(holder.created_at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
