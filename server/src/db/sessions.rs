//! Sessions: only the SHA-256 of a token is stored.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};

pub async fn insert(
    tx: &mut Tx,
    token_hash: &str,
    user_id: UserId,
    at: i64,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(at)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The session's user with organization and roles: one row per role (or one with no role).
#[derive(sqlx::FromRow, Clone)]
pub struct SessionRow {
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_id: UserId,
    pub user_name: String,
    pub email: String,
    pub must_change_password: bool,
    pub time_zone: String,
    pub language: Option<String>,
    pub org_id: OrgId,
    pub org_name: String,
    pub org_kind: String,
    pub org_country: String,
    pub org_cloud: String,
    pub org_mpn_id: Option<String>,
    pub org_domain: Option<String>,
    pub role: Option<String>,
}

/// The live session with this hash, if its user is active.
pub async fn find(db: impl Into<Db<'_>>, token_hash: &str) -> Result<Vec<SessionRow>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
        "SELECT s.created_at, s.last_seen_at, u.id AS user_id, u.name AS user_name, u.email, u.must_change_password, u.time_zone, u.language,
                o.id AS org_id, o.legal_name AS org_name, o.kind AS org_kind, o.country AS org_country,
                o.cloud AS org_cloud, o.mpn_id AS org_mpn_id, o.primary_domain AS org_domain, r.role
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organizations o ON o.id = u.organization_id
         LEFT JOIN user_roles r ON r.user_id = u.id
         WHERE s.token_hash = $1 AND u.active = TRUE",
    )
    .bind(token_hash)
    .fetch_all(ex)
    .await
    })
}

pub async fn touch(db: impl Into<Db<'_>>, token_hash: &str, at: i64) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2"
    )
    .bind(at)
    .bind(token_hash)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn delete(db: impl Into<Db<'_>>, token_hash: &str) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Signs a user out everywhere (deactivation).
pub async fn delete_for_user(tx: &mut Tx, user_id: UserId) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes sessions last seen before `seen_before` or started before `started_before`.
pub async fn delete_expired(
    db: impl Into<Db<'_>>,
    seen_before: i64,
    started_before: i64,
) -> Result<u64, sqlx::Error> {
    let done = on!(db, |ex| sqlx::query(
        "DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2"
    )
    .bind(seen_before)
    .bind(started_before)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done)
}

/// Ends every session of a user but the one given (after a password change).
pub async fn delete_others(
    tx: &mut Tx,
    user_id: UserId,
    keep_hash: &str,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2"
    )
    .bind(user_id)
    .bind(keep_hash)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
