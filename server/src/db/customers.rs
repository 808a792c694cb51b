//! Customers and their links to partners: reseller relationships, delegated admin grants and
//! Customer Agreement acceptances.

use super::Tx;
use sqlx::{Executor, Sqlite};

pub async fn domain_taken<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    domain: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM organizations WHERE primary_domain = $1")
            .bind(domain)
            .fetch_optional(db)
            .await?;
    Ok(row.is_some())
}

pub async fn set_domain(tx: &mut Tx, org_id: &str, domain: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE organizations SET primary_domain = $1 WHERE id = $2")
        .bind(domain)
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub async fn relationship_active<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    partner_id: &str,
    customer_id: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM reseller_relationships WHERE partner_id = $1 AND customer_id = $2 AND ended_at IS NULL",
    )
    .bind(partner_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

/// Adds an active relationship; false when one exists already (the partial unique index decides,
/// on SQLite and PostgreSQL alike, however many accept at once).
pub async fn insert_relationship(
    tx: &mut Tx,
    id: &str,
    partner_id: &str,
    customer_id: &str,
    since: i64,
    invitation_id: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO reseller_relationships (id, partner_id, customer_id, since, invitation_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (partner_id, customer_id) WHERE ended_at IS NULL DO NOTHING",
    )
    .bind(id)
    .bind(partner_id)
    .bind(customer_id)
    .bind(since)
    .bind(invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends the active relationship; false when there was none.
pub async fn end_relationship(
    tx: &mut Tx,
    partner_id: &str,
    customer_id: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE reseller_relationships SET ended_at = $1
         WHERE partner_id = $2 AND customer_id = $3 AND ended_at IS NULL",
    )
    .bind(at)
    .bind(partner_id)
    .bind(customer_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn grant_active<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    customer_id: &str,
    partner_id: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM delegated_admin_grants WHERE customer_id = $1 AND partner_id = $2 AND ended_at IS NULL",
    )
    .bind(customer_id)
    .bind(partner_id)
    .fetch_optional(db)
    .await?;
    Ok(row.is_some())
}

/// Adds an active grant; false when one exists already.
pub async fn insert_grant(
    tx: &mut Tx,
    id: &str,
    customer_id: &str,
    partner_id: &str,
    since: i64,
    invitation_id: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO delegated_admin_grants (id, customer_id, partner_id, since, invitation_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (customer_id, partner_id) WHERE ended_at IS NULL DO NOTHING",
    )
    .bind(id)
    .bind(customer_id)
    .bind(partner_id)
    .bind(since)
    .bind(invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends the active grant; false when there was none.
pub async fn end_grant(
    tx: &mut Tx,
    customer_id: &str,
    partner_id: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE delegated_admin_grants SET ended_at = $1
         WHERE customer_id = $2 AND partner_id = $3 AND ended_at IS NULL",
    )
    .bind(at)
    .bind(customer_id)
    .bind(partner_id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct Agreement<'a> {
    pub id: &'a str,
    pub customer_id: &'a str,
    pub version: &'a str,
    pub user_id: Option<&'a str>,
    pub user_name: &'a str,
    pub at: i64,
    pub invitation_id: Option<&'a str>,
}

pub async fn record_agreement(tx: &mut Tx, a: &Agreement<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO customer_agreements (id, customer_id, version, accepted_by_user_id, accepted_by_name, accepted_at, invitation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(a.id)
    .bind(a.customer_id)
    .bind(a.version)
    .bind(a.user_id)
    .bind(a.user_name)
    .bind(a.at)
    .bind(a.invitation_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A customer as its partner sees it.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct CustomerRecord {
    pub id: String,
    pub legal_name: String,
    pub primary_domain: Option<String>,
    pub country: String,
    pub cloud: String,
    pub since: i64,
    /// Since when this partner holds a delegated admin grant, if it does.
    pub grant_since: Option<i64>,
    pub created_at: i64,
}

const CUSTOMER_COLUMNS: &str = "o.id, o.legal_name, o.primary_domain, o.country, o.cloud, r.since, o.created_at,
        (SELECT g.since FROM delegated_admin_grants g
          WHERE g.customer_id = o.id AND g.partner_id = r.partner_id AND g.ended_at IS NULL) AS grant_since";

/// The partner's customers with an active reseller relationship, newest first; `search` matches a
/// part of the name or the domain.
pub async fn for_partner<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    partner_id: &str,
    search: Option<&str>,
    limit: i64,
) -> Result<Vec<CustomerRecord>, sqlx::Error> {
    let pattern = search.map(super::like_contains);
    sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS}
         FROM reseller_relationships r JOIN organizations o ON o.id = r.customer_id
         WHERE r.partner_id = $1 AND r.ended_at IS NULL
           AND ($2 IS NULL OR o.name_folded LIKE $2 ESCAPE '\\' OR o.primary_domain LIKE $2 ESCAPE '\\')
         ORDER BY r.since DESC, o.id DESC
         LIMIT $3"
    ))
    .bind(partner_id)
    .bind(pattern)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// One customer of the partner, if their relationship is active.
pub async fn of_partner<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    partner_id: &str,
    customer_id: &str,
) -> Result<Option<CustomerRecord>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS}
         FROM reseller_relationships r JOIN organizations o ON o.id = r.customer_id
         WHERE r.partner_id = $1 AND r.customer_id = $2 AND r.ended_at IS NULL"
    ))
    .bind(partner_id)
    .bind(customer_id)
    .fetch_optional(db)
    .await
}

/// A partner as its customer sees it: a reseller of record, a holder of a grant, or both.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct PartnerOfCustomer {
    pub org_id: String,
    pub name: String,
    pub kind: String,
    pub mpn_id: Option<String>,
    pub country: String,
    pub relationship_since: Option<i64>,
    pub grant_since: Option<i64>,
}

pub async fn partners_of<'e>(
    db: impl Executor<'e, Database = Sqlite>,
    customer_id: &str,
) -> Result<Vec<PartnerOfCustomer>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id AS org_id, o.legal_name AS name, o.kind, o.mpn_id, o.country,
                (SELECT r.since FROM reseller_relationships r
                  WHERE r.customer_id = $1 AND r.partner_id = o.id AND r.ended_at IS NULL) AS relationship_since,
                (SELECT g.since FROM delegated_admin_grants g
                  WHERE g.customer_id = $1 AND g.partner_id = o.id AND g.ended_at IS NULL) AS grant_since
         FROM organizations o
         WHERE o.id IN (SELECT partner_id FROM reseller_relationships WHERE customer_id = $1 AND ended_at IS NULL
                        UNION
                        SELECT partner_id FROM delegated_admin_grants WHERE customer_id = $1 AND ended_at IS NULL)
         ORDER BY o.legal_name, o.id",
    )
    .bind(customer_id)
    .fetch_all(db)
    .await
}
