//! Organizations and regions.

use super::Tx;
use sqlx::Executor;

pub struct NewOrg<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    pub legal_name: &'a str,
    pub country: &'a str,
    pub cloud: &'a str,
    pub mpn_id: Option<&'a str>,
    pub at: i64,
}

pub async fn insert(tx: &mut Tx, org: &NewOrg<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO organizations (id, kind, legal_name, name_folded, country, cloud, mpn_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(org.id)
    .bind(org.kind)
    .bind(org.legal_name)
    .bind(org.legal_name.to_lowercase())
    .bind(org.country)
    .bind(org.cloud)
    .bind(org.mpn_id)
    .bind(org.at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub async fn mpn_id_taken<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    mpn_id: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM organizations WHERE mpn_id = $1")
        .bind(mpn_id)
        .fetch_optional(db)
        .await?;
    Ok(row.is_some())
}

pub async fn count<'e>(db: impl Executor<'e, Database = sqlx::Sqlite>) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM organizations")
        .fetch_one(db)
        .await?;
    Ok(n)
}

pub async fn exists_of_kind<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    kind: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM organizations WHERE kind = $1 LIMIT 1")
            .bind(kind)
            .fetch_optional(db)
            .await?;
    Ok(row.is_some())
}

/// The region a country belongs to (the regions table is data).
pub async fn region_of<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    country: &str,
) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("SELECT region FROM regions WHERE country = $1")
        .bind(country)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(r,)| r))
}

#[derive(sqlx::FromRow, Clone)]
pub struct OrgRecord {
    pub id: String,
    pub kind: String,
    pub legal_name: String,
    pub country: String,
    pub cloud: String,
    pub mpn_id: Option<String>,
    pub region: String,
}

pub async fn by_id<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    id: &str,
) -> Result<Option<OrgRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.kind, o.legal_name, o.country, o.cloud, o.mpn_id, r.region
         FROM organizations o JOIN regions r ON r.country = o.country WHERE o.id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

/// (legal name, primary domain, kind) of an organization.
pub async fn name_and_domain<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    id: &str,
) -> Result<Option<(String, Option<String>, String)>, sqlx::Error> {
    sqlx::query_as("SELECT legal_name, primary_domain, kind FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// An organization by MPN ID: (id, legal name, kind).
pub async fn by_mpn_id<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    mpn_id: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, legal_name, kind FROM organizations WHERE mpn_id = $1")
        .bind(mpn_id)
        .fetch_optional(db)
        .await
}

/// The countries of the region that `country` belongs to.
pub async fn countries_in_region_of<'e>(
    db: impl Executor<'e, Database = sqlx::Sqlite>,
    country: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT country FROM regions
         WHERE region = (SELECT region FROM regions WHERE country = $1) ORDER BY country",
    )
    .bind(country)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(c,)| c).collect())
}
