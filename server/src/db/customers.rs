//! Customers and their links to partners: reseller relationships, delegated admin grants and
//! Customer Agreement acceptances.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};
use sqlx::Row;
use std::fmt::Write as _;

pub async fn domain_taken(db: impl Into<Db<'_>>, domain: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM organizations WHERE primary_domain = $1"
    )
    .bind(domain)
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}

/// Sets an organization's primary domain, and the copies that its relationships keep for the
/// Customers list.
pub async fn set_domain(tx: &mut Tx, org_id: OrgId, domain: &str) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE organizations SET primary_domain = $1 WHERE id = $2"
    )
    .bind(domain)
    .bind(org_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE reseller_relationships SET customer_domain = $1 WHERE customer_id = $2"
    )
    .bind(domain)
    .bind(org_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    refresh_shared(tx, org_id).await
}

/// The pairs of active relationships on one customer, as `shared_customers` rows (migration 0007).
const SHARED_PAIRS: &str = "INSERT INTO shared_customers (partner_id, other_id, customer_id, since,
        customer_name_folded, customer_legal_name, customer_domain, customer_country, has_grant)
    SELECT r.partner_id, a.partner_id, r.customer_id, r.since, r.customer_name_folded,
           r.customer_legal_name, r.customer_domain, r.customer_country, r.has_grant
      FROM reseller_relationships r
      JOIN reseller_relationships a
        ON a.customer_id = r.customer_id AND a.partner_id <> r.partner_id AND a.ended_at IS NULL
     WHERE r.ended_at IS NULL";

/// Rewrites a customer's `shared_customers` rows from its active relationships: called in the
/// transaction of every change to them (a customer has a handful, so this is cheap and cannot
/// drift).
async fn refresh_shared(tx: &mut Tx, customer_id: OrgId) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM shared_customers WHERE customer_id = $1"
    )
    .bind(customer_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    on!(&mut *tx, |ex| sqlx::query(&format!(
        "{SHARED_PAIRS} AND r.customer_id = $1"
    ))
    .bind(customer_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Fills `shared_customers` from scratch, for databases filled with plain SQL (the scale bench,
/// tests that seed rows directly).
pub async fn fill_shared_customers(pool: &super::Pool) -> Result<(), sqlx::Error> {
    let mut tx = super::begin_write(pool).await?;
    on!(&mut tx, |ex| sqlx::query("DELETE FROM shared_customers")
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    on!(&mut tx, |ex| sqlx::query(SHARED_PAIRS)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))?;
    tx.commit().await
}

pub async fn relationship_active(
    db: impl Into<Db<'_>>,
    partner_id: OrgId,
    customer_id: OrgId,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| {
        sqlx::query_as(
        "SELECT id FROM reseller_relationships WHERE partner_id = $1 AND customer_id = $2 AND ended_at IS NULL",
    )
    .bind(partner_id)
    .bind(customer_id)
    .fetch_optional(ex)
    .await
    })?;
    Ok(row.is_some())
}

/// Adds an active relationship; false when one exists already (the partial unique index decides,
/// on SQLite and PostgreSQL alike, however many accept at once). The relationship copies what the
/// Customers list shows of the customer, and whether the partner holds an active grant.
pub async fn insert_relationship(
    tx: &mut Tx,
    id: &str,
    partner_id: OrgId,
    customer_id: OrgId,
    since: i64,
    invitation_id: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO reseller_relationships (id, partner_id, customer_id, since, invitation_id,
                customer_name_folded, customer_legal_name, customer_domain, customer_country, has_grant)
         SELECT $1, $2, $3, $4, $5, o.name_folded, o.legal_name, o.primary_domain, o.country,
                EXISTS (SELECT 1 FROM delegated_admin_grants g
                         WHERE g.customer_id = $3 AND g.partner_id = $2 AND g.ended_at IS NULL)
           FROM organizations o WHERE o.id = $3
         ON CONFLICT (partner_id, customer_id) WHERE ended_at IS NULL DO NOTHING",
    )
    .bind(id)
    .bind(partner_id)
    .bind(customer_id)
    .bind(since)
    .bind(invitation_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    let added = done == 1;
    if added {
        refresh_shared(tx, customer_id).await?;
    }
    Ok(added)
}

/// Ends the active relationship; false when there was none.
pub async fn end_relationship(
    tx: &mut Tx,
    partner_id: OrgId,
    customer_id: OrgId,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| sqlx::query(
        "UPDATE reseller_relationships SET ended_at = $1
         WHERE partner_id = $2 AND customer_id = $3 AND ended_at IS NULL",
    )
    .bind(at)
    .bind(partner_id)
    .bind(customer_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    let ended = done == 1;
    if ended {
        refresh_shared(tx, customer_id).await?;
    }
    Ok(ended)
}

pub async fn grant_active(
    db: impl Into<Db<'_>>,
    customer_id: OrgId,
    partner_id: OrgId,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| {
        sqlx::query_as(
        "SELECT id FROM delegated_admin_grants WHERE customer_id = $1 AND partner_id = $2 AND ended_at IS NULL",
    )
    .bind(customer_id)
    .bind(partner_id)
    .fetch_optional(ex)
    .await
    })?;
    Ok(row.is_some())
}

/// Adds an active grant; false when one exists already.
pub async fn insert_grant(
    tx: &mut Tx,
    id: &str,
    customer_id: OrgId,
    partner_id: OrgId,
    since: i64,
    invitation_id: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| sqlx::query(
        "INSERT INTO delegated_admin_grants (id, customer_id, partner_id, since, invitation_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (customer_id, partner_id) WHERE ended_at IS NULL DO NOTHING",
    )
    .bind(id)
    .bind(customer_id)
    .bind(partner_id)
    .bind(since)
    .bind(invitation_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    let added = done == 1;
    if added {
        mark_grant(tx, customer_id, partner_id, true).await?;
    }
    Ok(added)
}

/// Keeps the relationship's copy of "holds an active grant" (the Customers list's column).
async fn mark_grant(
    tx: &mut Tx,
    customer_id: OrgId,
    partner_id: OrgId,
    active: bool,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE reseller_relationships SET has_grant = $1
         WHERE partner_id = $2 AND customer_id = $3 AND ended_at IS NULL",
    )
    .bind(active)
    .bind(partner_id)
    .bind(customer_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    refresh_shared(tx, customer_id).await
}

/// Ends the active grant; false when there was none.
pub async fn end_grant(
    tx: &mut Tx,
    customer_id: OrgId,
    partner_id: OrgId,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| sqlx::query(
        "UPDATE delegated_admin_grants SET ended_at = $1
         WHERE customer_id = $2 AND partner_id = $3 AND ended_at IS NULL",
    )
    .bind(at)
    .bind(customer_id)
    .bind(partner_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    let ended = done == 1;
    if ended {
        mark_grant(tx, customer_id, partner_id, false).await?;
    }
    Ok(ended)
}

pub struct Agreement<'a> {
    pub id: &'a str,
    pub customer_id: OrgId,
    pub version: &'a str,
    pub user_id: Option<UserId>,
    pub user_name: &'a str,
    pub at: i64,
    pub invitation_id: Option<&'a str>,
}

pub async fn record_agreement(tx: &mut Tx, a: &Agreement<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
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
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
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

/// A row of the Customers list: only what the list shows. Every value crosses from the
/// connection's thread as a copy of its own (sqlx-sqlite), so a page of 51 rows carries no column
/// it does not use. Read by position (see `LISTED_COLUMNS`), not by name: the derived `FromRow`
/// looks each of the 306 values of a page up by its column's name.
#[derive(Clone, Debug)]
pub struct ListedCustomer {
    pub id: String,
    pub legal_name: String,
    pub primary_domain: Option<String>,
    pub country: String,
    pub since: i64,
    /// Whether this partner holds an active delegated admin grant.
    pub has_grant: bool,
}

impl<'r, R: Row> sqlx::FromRow<'r, R> for ListedCustomer
where
    usize: sqlx::ColumnIndex<R>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    bool: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Self {
            id: row.try_get(0)?,
            legal_name: row.try_get(1)?,
            primary_domain: row.try_get(2)?,
            country: row.try_get(3)?,
            since: row.try_get(4)?,
            has_grant: row.try_get(5)?,
        })
    }
}

/// The columns of `ListedCustomer`, in its order: all of them the relationship's own copies (see
/// migration 0006), so a page reads one index and no other table.
const LISTED_COLUMNS: &str = "r.customer_id, r.customer_legal_name, r.customer_domain, r.customer_country, r.since, r.has_grant";

/// How a page of customers is ordered; every order ends with the customer's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    NewestFirst,
    OldestFirst,
    ByName,
}

/// Which page of a partner's customers.
pub struct PageQuery<'a> {
    pub partner_id: OrgId,
    /// A part of the (folded) name or of the domain.
    pub search: Option<&'a str>,
    /// Only customers that this reseller also has a relationship with.
    pub reseller_id: Option<OrgId>,
    pub order: Order,
    /// Rows after this customer's (in the order), or before it when `backwards`.
    pub cursor: Option<OrgId>,
    pub backwards: bool,
    pub limit: i64,
}

/// One page of the partner's customers with an active reseller relationship, by keyset: the
/// cursor's sort key is read from its own row, so a deep page costs what the first one does.
/// Rows come in the page's order even when read backwards.
pub async fn page(
    db: impl Into<Db<'_>>,
    q: &PageQuery<'_>,
) -> Result<Vec<ListedCustomer>, sqlx::Error> {
    let key = match q.order {
        Order::NewestFirst | Order::OldestFirst => "since",
        Order::ByName => "customer_name_folded",
    };
    let descending = (q.order == Order::NewestFirst) != q.backwards;
    let (dir, cmp) = if descending {
        ("DESC", "<")
    } else {
        ("ASC", ">")
    };
    // Conditions appear only when asked for, so that the planner can use the index range: the
    // partner's relationships, or filtered by a reseller the customers they share (migration
    // 0007), are read in index order and the scan stops at the limit.
    let from = if q.reseller_id.is_some() {
        "shared_customers r"
    } else {
        "reseller_relationships r"
    };
    let mut conditions = String::from(if q.reseller_id.is_some() {
        "r.partner_id = $1 AND r.other_id = $2"
    } else {
        "r.partner_id = $1 AND r.ended_at IS NULL"
    });
    let mut n = if q.reseller_id.is_some() { 2 } else { 1 };
    if q.search.is_some() {
        n += 1;
        let _ = write!(
            conditions,
            " AND (r.customer_name_folded LIKE ${n} ESCAPE '\\' OR r.customer_domain LIKE ${n} ESCAPE '\\')"
        );
    }
    if q.cursor.is_some() {
        n += 1;
        let _ = write!(
            conditions,
            " AND (r.{key}, r.customer_id) {cmp}
                (SELECT c.{key}, c.customer_id FROM reseller_relationships c
                  WHERE c.partner_id = $1 AND c.customer_id = ${n} AND c.ended_at IS NULL)"
        );
    }
    let sql = format!(
        "SELECT {LISTED_COLUMNS} FROM {from} WHERE {conditions}
         ORDER BY r.{key} {dir}, r.customer_id {dir} LIMIT ${}",
        n + 1
    );
    let pattern = q.search.map(super::like_contains);
    let mut rows: Vec<ListedCustomer> = on!(db, |ex| {
        let mut query = sqlx::query_as(&sql).bind(q.partner_id);
        if let Some(reseller) = q.reseller_id {
            query = query.bind(reseller);
        }
        if let Some(pattern) = &pattern {
            query = query.bind(pattern);
        }
        if let Some(cursor) = q.cursor {
            query = query.bind(cursor);
        }
        query.bind(q.limit).fetch_all(ex).await
    })?;
    if q.backwards {
        rows.reverse();
    }
    Ok(rows)
}

/// Whether the cursor names an active customer of the partner (a stale cursor starts over).
pub async fn cursor_valid(
    db: impl Into<Db<'_>>,
    partner_id: OrgId,
    customer_id: OrgId,
) -> Result<bool, sqlx::Error> {
    relationship_active(db, partner_id, customer_id).await
}

/// One customer of the partner, if their relationship is active.
pub async fn of_partner(
    db: impl Into<Db<'_>>,
    partner_id: OrgId,
    customer_id: OrgId,
) -> Result<Option<CustomerRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "SELECT {CUSTOMER_COLUMNS}
         FROM reseller_relationships r JOIN organizations o ON o.id = r.customer_id
         WHERE r.partner_id = $1 AND r.customer_id = $2 AND r.ended_at IS NULL"
    ))
    .bind(partner_id)
    .bind(customer_id)
    .fetch_optional(ex)
    .await)
}

/// A partner as its customer sees it: a reseller of record, a holder of a grant, or both.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct PartnerOfCustomer {
    pub org_id: OrgId,
    pub name: String,
    pub kind: String,
    pub mpn_id: Option<String>,
    pub country: String,
    pub relationship_since: Option<i64>,
    pub grant_since: Option<i64>,
}

pub async fn partners_of(
    db: impl Into<Db<'_>>,
    customer_id: OrgId,
) -> Result<Vec<PartnerOfCustomer>, sqlx::Error> {
    on!(db, |ex| {
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
    .fetch_all(ex)
    .await
    })
}
