//! Users and their roles.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};

pub struct NewUser<'a> {
    pub id: UserId,
    pub organization_id: OrgId,
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub must_change_password: bool,
    pub time_zone: &'a str,
    pub at: i64,
}

pub async fn insert(tx: &mut Tx, u: &NewUser<'_>, roles: &[&str]) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        // A new user starts with the organization's notifications so far seen: the bell tells
        // them what happens from now on, not the organization's history.
        "INSERT INTO users (id, organization_id, name, email, password_hash, must_change_password, active, time_zone, created_at,
                            notifications_seen)
         VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8,
                 (SELECT COALESCE(MAX(seq), 0) FROM notifications WHERE organization_id = $2))",
    )
    .bind(u.id)
    .bind(u.organization_id)
    .bind(u.name)
    .bind(u.email)
    .bind(u.password_hash)
    .bind(u.must_change_password)
    .bind(u.time_zone)
    .bind(u.at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    replace_roles(tx, u.id, roles).await
}

pub async fn replace_roles(
    tx: &mut Tx,
    user_id: UserId,
    roles: &[&str],
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM user_roles WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    for role in roles {
        on!(&mut *tx, |ex| sqlx::query(
            "INSERT INTO user_roles (user_id, role) VALUES ($1, $2)"
        )
        .bind(user_id)
        .bind(role)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// What sign-in needs to know about an account.
#[derive(sqlx::FromRow)]
pub struct Credentials {
    pub id: UserId,
    pub organization_id: OrgId,
    pub name: String,
    pub password_hash: String,
    pub active: bool,
}

pub async fn credentials_by_email(
    db: impl Into<Db<'_>>,
    email: &str,
) -> Result<Option<Credentials>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT id, organization_id, name, password_hash, active FROM users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(ex)
    .await)
}

pub async fn password_hash(
    db: impl Into<Db<'_>>,
    user_id: UserId,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT password_hash FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_optional(ex)
    .await)?;
    Ok(row.map(|r| r.0))
}

pub async fn email_taken(db: impl Into<Db<'_>>, email: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM users WHERE email = $1"
    )
    .bind(email)
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}

#[derive(sqlx::FromRow)]
pub struct UserRecord {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub active: bool,
    pub must_change_password: bool,
    pub created_at: i64,
    /// Roles joined by commas (one row per user, portable aggregation done in Rust).
    pub role: Option<String>,
}

/// The users of an organization, one row per (user, role), ordered by name.
pub async fn list_in_org(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
) -> Result<Vec<UserRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT u.id, u.name, u.email, u.active, u.must_change_password, u.created_at, r.role
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
         WHERE u.organization_id = $1
         ORDER BY u.name, u.id, r.role",
    )
    .bind(org_id)
    .fetch_all(ex)
    .await)
}

/// A user of the given organization: (name, email, active, roles).
/// A user of an organization, with the names of its roles.
#[derive(Clone, Debug)]
pub struct OrgUser {
    pub name: String,
    pub email: String,
    pub active: bool,
    pub roles: Vec<String>,
}

impl OrgUser {
    pub fn is_global_admin(&self) -> bool {
        let ga = app::model::Role::GlobalAdmin.as_str();
        self.roles.iter().any(|r| r == ga)
    }
}

pub async fn find_in_org(
    tx: &mut Tx,
    org_id: OrgId,
    user_id: UserId,
) -> Result<Option<OrgUser>, sqlx::Error> {
    let rows: Vec<(String, String, bool, Option<String>)> = on!(&mut *tx, |ex| sqlx::query_as(
        "SELECT u.name, u.email, u.active, r.role
         FROM users u LEFT JOIN user_roles r ON r.user_id = u.id
         WHERE u.organization_id = $1 AND u.id = $2",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_all(ex)
    .await)?;
    let Some((name, email, active, _)) = rows.first().cloned() else {
        return Ok(None);
    };
    let roles = rows.into_iter().filter_map(|r| r.3).collect();
    Ok(Some(OrgUser {
        name,
        email,
        active,
        roles,
    }))
}

/// Active Global admins of an organization other than `except`.
pub async fn other_active_global_admins(
    tx: &mut Tx,
    org_id: OrgId,
    except: UserId,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = on!(&mut *tx, |ex| {
        sqlx::query_as(
        "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.organization_id = $1 AND u.active = TRUE AND r.role = 'global_admin' AND u.id <> $2",
    )
    .bind(org_id)
    .bind(except)
    .fetch_one(ex)
    .await
    })?;
    Ok(n)
}

pub async fn set_active(tx: &mut Tx, user_id: UserId, active: bool) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE users SET active = $1 WHERE id = $2"
    )
    .bind(active)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_password(tx: &mut Tx, user_id: UserId, hash: &str) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE users SET password_hash = $1, must_change_password = FALSE WHERE id = $2"
    )
    .bind(hash)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_time_zone(tx: &mut Tx, user_id: UserId, tz: &str) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE users SET time_zone = $1 WHERE id = $2"
    )
    .bind(tz)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The user's interface language (a tag of `app::model::Locale`).
pub async fn set_language(tx: &mut Tx, user_id: UserId, tag: &str) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE users SET language = $1 WHERE id = $2"
    )
    .bind(tag)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// A password the user must change at next sign-in (set by someone else).
pub async fn set_temporary_password(
    tx: &mut Tx,
    user_id: UserId,
    hash: &str,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE users SET password_hash = $1, must_change_password = TRUE WHERE id = $2"
    )
    .bind(hash)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
