//! The offer catalog.

use super::{Db, Tx, on};

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct OfferRecord {
    pub id: String,
    pub name: String,
    pub description: String,
    pub billing_term: String,
    pub min_licenses: i64,
    pub max_licenses: i64,
    pub available: bool,
}

const COLUMNS: &str = "id, name, description, billing_term, min_licenses, max_licenses, available";

/// Every offer (`only_available`: those offered for new orders), by name.
pub async fn list(
    db: impl Into<Db<'_>>,
    only_available: bool,
) -> Result<Vec<OfferRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM offers WHERE available = TRUE OR $1 = FALSE ORDER BY name, id"
    ))
    .bind(only_available)
    .fetch_all(ex)
    .await)
}

pub async fn by_id(db: impl Into<Db<'_>>, id: &str) -> Result<Option<OfferRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM offers WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await)
}

pub struct OfferValues<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub billing_term: &'a str,
    pub min_licenses: i64,
    pub max_licenses: i64,
    pub available: bool,
}

pub async fn insert(
    tx: &mut Tx,
    id: &str,
    v: &OfferValues<'_>,
    at: i64,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO offers (id, name, description, billing_term, min_licenses, max_licenses, available, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(id)
    .bind(v.name)
    .bind(v.description)
    .bind(v.billing_term)
    .bind(v.min_licenses)
    .bind(v.max_licenses)
    .bind(v.available)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Changes an offer; false when there is none with this id.
pub async fn update(
    tx: &mut Tx,
    id: &str,
    v: &OfferValues<'_>,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| sqlx::query(
        "UPDATE offers SET name = $2, description = $3, billing_term = $4, min_licenses = $5,
                max_licenses = $6, available = $7, updated_at = $8
         WHERE id = $1",
    )
    .bind(id)
    .bind(v.name)
    .bind(v.description)
    .bind(v.billing_term)
    .bind(v.min_licenses)
    .bind(v.max_licenses)
    .bind(v.available)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Whether another offer has this name.
pub async fn name_taken(
    db: impl Into<Db<'_>>,
    name: &str,
    except_id: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM offers WHERE name = $1 AND id <> $2"
    )
    .bind(name)
    .bind(except_id)
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}
