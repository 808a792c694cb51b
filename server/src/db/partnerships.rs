//! Partnerships between providers and resellers.

use super::{Db, Tx, on};
use app::model::OrgId;

pub async fn is_active(
    db: impl Into<Db<'_>>,
    provider_id: OrgId,
    reseller_id: OrgId,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| {
        sqlx::query_as("SELECT id FROM partnerships WHERE provider_id = $1 AND reseller_id = $2 AND ended_at IS NULL")
            .bind(provider_id)
            .bind(reseller_id)
            .fetch_optional(ex)
            .await
    })?;
    Ok(row.is_some())
}

pub async fn insert(
    tx: &mut Tx,
    id: &str,
    provider_id: OrgId,
    reseller_id: OrgId,
    since: i64,
    invitation_id: Option<&str>,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query("INSERT INTO partnerships (id, provider_id, reseller_id, since, invitation_id) VALUES ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(provider_id)
        .bind(reseller_id)
        .bind(since)
        .bind(invitation_id)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Ends the active partnership; false when there was none.
pub async fn end(
    tx: &mut Tx,
    provider_id: OrgId,
    reseller_id: OrgId,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| {
        sqlx::query("UPDATE partnerships SET ended_at = $1 WHERE provider_id = $2 AND reseller_id = $3 AND ended_at IS NULL")
        .bind(at)
        .bind(provider_id)
        .bind(reseller_id)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

#[derive(sqlx::FromRow)]
pub struct PartnerRecord {
    pub org_id: OrgId,
    pub name: String,
    pub mpn_id: Option<String>,
    pub country: String,
    pub since: i64,
    pub shared_customers: i64,
}

/// The active partners on the other side, by name. `provider_side` lists resellers of a provider.
pub async fn partners(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
    provider_side: bool,
) -> Result<Vec<PartnerRecord>, sqlx::Error> {
    let (mine, theirs) = if provider_side {
        ("provider_id", "reseller_id")
    } else {
        ("reseller_id", "provider_id")
    };
    on!(db, |ex| {
        sqlx::query_as(&format!(
        "SELECT o.id AS org_id, o.legal_name AS name, o.mpn_id, o.country, p.since,
                (SELECT COUNT(*) FROM reseller_relationships b
                  WHERE b.partner_id = p.reseller_id AND b.ended_at IS NULL
                    AND EXISTS (SELECT 1 FROM reseller_relationships a
                                 WHERE a.partner_id = p.provider_id AND a.customer_id = b.customer_id
                                   AND a.ended_at IS NULL)) AS shared_customers
         FROM partnerships p JOIN organizations o ON o.id = p.{theirs}
         WHERE p.{mine} = $1 AND p.ended_at IS NULL
         ORDER BY o.legal_name, o.id"
    ))
    .bind(org_id)
    .fetch_all(ex)
    .await
    })
}

/// A reseller partnered with the provider, named by its MPN ID or its exact legal name.
pub async fn reseller_of_provider(
    db: impl Into<Db<'_>>,
    provider_id: OrgId,
    mpn_or_name: &str,
) -> Result<Option<(OrgId, String, Option<String>)>, sqlx::Error> {
    // Digits are an MPN ID, found through its unique index; anything else is a name.
    let column = if mpn_or_name.bytes().all(|b| b.is_ascii_digit()) {
        "mpn_id"
    } else {
        "legal_name"
    };
    on!(db, |ex| sqlx::query_as(&format!(
        "SELECT o.id, o.legal_name, o.mpn_id
         FROM organizations o JOIN partnerships p ON p.reseller_id = o.id
         WHERE o.{column} = $2 AND p.provider_id = $1 AND p.ended_at IS NULL
         ORDER BY o.id
         LIMIT 1"
    ))
    .bind(provider_id)
    .bind(mpn_or_name)
    .fetch_optional(ex)
    .await)
}

/// The provider's partnered resellers: (id, legal name, MPN ID), by name.
pub async fn resellers_of(
    db: impl Into<Db<'_>>,
    provider_id: OrgId,
) -> Result<Vec<(OrgId, String, Option<String>)>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT o.id, o.legal_name, o.mpn_id
         FROM partnerships p JOIN organizations o ON o.id = p.reseller_id
         WHERE p.provider_id = $1 AND p.ended_at IS NULL
         ORDER BY o.legal_name, o.id",
    )
    .bind(provider_id)
    .fetch_all(ex)
    .await)
}
