//! API tokens: only the SHA-256 of a secret is stored.

use super::{Db, Tx, on, sessions::SessionRow};
use app::model::{OrgId, UserId};

pub struct NewToken<'a> {
    pub id: &'a str,
    pub organization_id: OrgId,
    pub name: &'a str,
    pub secret_hash: &'a str,
    pub hint: &'a str,
    pub roles: &'a str,
    pub created_by: UserId,
    pub created_at: i64,
    pub expires_at: i64,
}

pub async fn insert(tx: &mut Tx, t: &NewToken<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "INSERT INTO api_tokens (id, organization_id, name, secret_hash, hint, roles, created_by,
                                     created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(t.id)
        .bind(t.organization_id)
        .bind(t.name)
        .bind(t.secret_hash)
        .bind(t.hint)
        .bind(t.roles)
        .bind(t.created_by)
        .bind(t.created_at)
        .bind(t.expires_at)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A token as its organization's list shows it, with its maker's name and whether the maker's
/// account is still active.
#[derive(sqlx::FromRow)]
pub struct Listed {
    pub id: String,
    pub name: String,
    pub hint: String,
    pub roles: String,
    pub created_by_name: String,
    pub creator_active: bool,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// The organization's tokens, newest first (an organization has a handful).
pub async fn list(db: impl Into<Db<'_>>, org: OrgId) -> Result<Vec<Listed>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
            "SELECT t.id, t.name, t.hint, t.roles, u.name AS created_by_name,
                    (u.active AND u.organization_id = t.organization_id) AS creator_active,
                    t.created_at, t.expires_at, t.last_used_at, t.revoked_at
             FROM api_tokens t JOIN users u ON u.id = t.created_by
             WHERE t.organization_id = $1
             ORDER BY t.created_at DESC, t.id DESC",
        )
        .bind(org)
        .fetch_all(ex)
        .await
    })
}

/// The account a token acts for: its maker's session row (one per role the maker holds), with
/// the token's own fields.
#[derive(sqlx::FromRow, Clone)]
pub struct TokenRow {
    #[sqlx(flatten)]
    pub account: SessionRow,
    pub token_id: String,
    pub token_name: String,
    pub token_roles: String,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// The maker's account is active and still in the token's organization.
    pub creator_active: bool,
}

/// The token with this secret hash (whether it works is `services::api_tokens::state_of`'s).
pub async fn find(db: impl Into<Db<'_>>, secret_hash: &str) -> Result<Vec<TokenRow>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
            "SELECT t.created_at, COALESCE(t.last_used_at, t.created_at) AS last_seen_at,
                    u.id AS user_id, u.name AS user_name, u.email, u.must_change_password,
                    u.time_zone, u.language, o.id AS org_id, o.legal_name AS org_name,
                    o.kind AS org_kind, o.country AS org_country, o.cloud AS org_cloud,
                    o.mpn_id AS org_mpn_id, o.primary_domain AS org_domain, r.role,
                    t.id AS token_id, t.name AS token_name, t.roles AS token_roles, t.expires_at,
                    t.last_used_at, t.revoked_at,
                    (u.active AND u.organization_id = t.organization_id) AS creator_active
             FROM api_tokens t
             JOIN users u ON u.id = t.created_by
             JOIN organizations o ON o.id = t.organization_id
             LEFT JOIN user_roles r ON r.user_id = u.id
             WHERE t.secret_hash = $1",
        )
        .bind(secret_hash)
        .fetch_all(ex)
        .await
    })
}

/// Records a token's use (at most once a minute: see the caller).
pub async fn touch(db: impl Into<Db<'_>>, id: &str, at: i64) -> Result<(), sqlx::Error> {
    on!(db, |ex| sqlx::query(
        "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2"
    )
    .bind(at)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Revokes an unrevoked token of the organization; its name, or `None` if there is none.
pub async fn revoke(
    tx: &mut Tx,
    org: OrgId,
    id: &str,
    at: i64,
) -> Result<Option<String>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_scalar(
            "UPDATE api_tokens SET revoked_at = $1
             WHERE id = $2 AND organization_id = $3 AND revoked_at IS NULL
             RETURNING name",
        )
        .bind(at)
        .bind(id)
        .bind(org)
        .fetch_optional(ex)
        .await
    })
}
