//! Provider profiles for the public directory.

use super::{Db, Tx, on};
use app::model::OrgId;

/// A new provider's profile: listed, marked unverified until the operator verifies it.
pub async fn create(tx: &mut Tx, org_id: OrgId, country: &str, at: i64) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query("INSERT INTO provider_profiles (organization_id, countries_served, updated_at) VALUES ($1, $2, $3)")
        .bind(org_id)
        .bind(country)
        .bind(at)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct ProfileRecord {
    pub org_id: OrgId,
    pub name: String,
    pub country: String,
    pub countries_served: String,
    pub website: String,
    pub contact_email: String,
    pub description: String,
    pub hidden: bool,
    pub verified: bool,
}

const SELECT: &str = "SELECT o.id AS org_id, o.legal_name AS name, o.country, p.countries_served, p.website, p.contact_email,
                             p.description, p.hidden, p.verified_at IS NOT NULL AS verified
                      FROM provider_profiles p JOIN organizations o ON o.id = p.organization_id";

/// Profiles, verified ones first, then by name; `country` matches a country served, `name` a part of the legal name
/// (case-insensitive for ASCII; LIKE is portable).
pub async fn search(
    db: impl Into<Db<'_>>,
    country: Option<&str>,
    name: Option<&str>,
    include_hidden: bool,
) -> Result<Vec<ProfileRecord>, sqlx::Error> {
    let pattern = name.map(super::like_contains);
    on!(db, |ex| sqlx::query_as(&format!(
        "{SELECT}
         WHERE ($1 OR p.hidden = FALSE)
           AND ($2 IS NULL OR (' ' || p.countries_served || ' ') LIKE ('% ' || $2 || ' %'))
           AND ($3 IS NULL OR o.name_folded LIKE $3 ESCAPE '\\')
         ORDER BY p.verified_at IS NULL, o.legal_name, o.id
         LIMIT 500"
    ))
    .bind(include_hidden)
    .bind(country)
    .bind(pattern)
    .fetch_all(ex)
    .await)
}

pub async fn by_org(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
) -> Result<Option<ProfileRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "{SELECT} WHERE o.id = $1"
    ))
    .bind(org_id)
    .fetch_optional(ex)
    .await)
}

pub struct Update<'a> {
    pub countries_served: &'a str,
    pub website: &'a str,
    pub contact_email: &'a str,
    pub description: &'a str,
    pub hidden: bool,
    /// The operator has checked that the provider is who it says.
    pub verified: bool,
    pub at: i64,
}

pub async fn update(tx: &mut Tx, org_id: OrgId, u: &Update<'_>) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| {
        sqlx::query(
        "UPDATE provider_profiles SET countries_served = $1, website = $2, contact_email = $3, description = $4, hidden = $5,
                updated_at = $6, verified_at = CASE WHEN $8 THEN COALESCE(verified_at, $6) END
         WHERE organization_id = $7",
    )
    .bind(u.countries_served)
    .bind(u.website)
    .bind(u.contact_email)
    .bind(u.description)
    .bind(u.hidden)
    .bind(u.at)
    .bind(org_id)
    .bind(u.verified)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}
