//! Customers' profiles, orders, subscriptions and license assignments.

use super::{Db, Tx, on};
use app::model::{OrgId, SubscriptionId, UserId};

pub struct Profile<'a> {
    pub customer_id: OrgId,
    pub address: &'a str,
    pub city: &'a str,
    pub postal_code: &'a str,
    pub contact_first_name: &'a str,
    pub contact_last_name: &'a str,
    pub contact_email: &'a str,
    pub contact_phone: &'a str,
}

pub async fn insert_profile(tx: &mut Tx, p: &Profile<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO customer_profiles (customer_id, address, city, postal_code, contact_first_name,
                contact_last_name, contact_email, contact_phone)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(p.customer_id)
    .bind(p.address)
    .bind(p.city)
    .bind(p.postal_code)
    .bind(p.contact_first_name)
    .bind(p.contact_last_name)
    .bind(p.contact_email)
    .bind(p.contact_phone)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub struct NewOrder<'a> {
    pub id: &'a str,
    pub customer_id: OrgId,
    pub provider_id: OrgId,
    pub reseller_id: Option<OrgId>,
    pub request_key: &'a str,
    /// None for an order placed by the system (demo data).
    pub user_id: Option<UserId>,
    pub user_name: &'a str,
    pub at: i64,
}

pub async fn order_exists(
    db: impl Into<Db<'_>>,
    provider_id: OrgId,
    request_key: &str,
) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = on!(db, |ex| sqlx::query_as(
        "SELECT id FROM orders WHERE provider_id = $1 AND request_key = $2"
    )
    .bind(provider_id)
    .bind(request_key)
    .fetch_optional(ex)
    .await)?;
    Ok(row.is_some())
}

pub async fn insert_order(tx: &mut Tx, o: &NewOrder<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO orders (id, customer_id, provider_id, reseller_id, request_key, created_by_user_id, created_by_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(o.id)
    .bind(o.customer_id)
    .bind(o.provider_id)
    .bind(o.reseller_id)
    .bind(o.request_key)
    .bind(o.user_id)
    .bind(o.user_name)
    .bind(o.at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub struct NewSubscription<'a> {
    pub id: &'a str,
    pub offer_id: &'a str,
    pub licenses: i64,
    pub support_contact_id: OrgId,
}

/// Adds the order's subscriptions; each takes the order's customer, provider, reseller and author.
pub async fn insert_subscription(
    tx: &mut Tx,
    order: &NewOrder<'_>,
    s: &NewSubscription<'_>,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO subscriptions (id, customer_id, order_id, offer_id, provider_id, licenses, status,
                reseller_id, support_contact_id, created_by_user_id, created_by_name, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $8, $9, $10, $11, $11)",
    )
    .bind(s.id)
    .bind(order.customer_id)
    .bind(order.id)
    .bind(s.offer_id)
    .bind(order.provider_id)
    .bind(s.licenses)
    .bind(order.reseller_id)
    .bind(s.support_contact_id)
    .bind(order.user_id)
    .bind(order.user_name)
    .bind(order.at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A subscription with the names a page shows.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct SubscriptionRecord {
    pub id: String,
    pub customer_id: OrgId,
    pub offer_id: String,
    pub offer_name: String,
    pub billing_term: String,
    pub provider_id: OrgId,
    pub provider_name: String,
    pub licenses: i64,
    pub assigned: i64,
    pub status: String,
    pub reseller_id: Option<OrgId>,
    pub reseller_name: Option<String>,
    pub reseller_mpn_id: Option<String>,
    pub support_contact_id: OrgId,
    pub support_contact_name: String,
    pub created_by_name: String,
    pub created_at: i64,
}

const SUBSCRIPTION_SELECT: &str =
    "SELECT s.id, s.customer_id, s.offer_id, f.name AS offer_name, f.billing_term,
        s.provider_id, p.legal_name AS provider_name, s.licenses,
        (SELECT COUNT(*) FROM license_assignments a WHERE a.subscription_id = s.id) AS assigned,
        s.status, s.reseller_id, r.legal_name AS reseller_name, r.mpn_id AS reseller_mpn_id,
        s.support_contact_id, c.legal_name AS support_contact_name, s.created_by_name, s.created_at
     FROM subscriptions s
     JOIN offers f ON f.id = s.offer_id
     JOIN organizations p ON p.id = s.provider_id
     JOIN organizations c ON c.id = s.support_contact_id
     LEFT JOIN organizations r ON r.id = s.reseller_id";

/// The customer's subscriptions that `partner_id` may see: all of them with `all`, otherwise those
/// it sold, is the reseller of, or supports. Oldest first.
pub async fn of_customer(
    db: impl Into<Db<'_>>,
    customer_id: OrgId,
    partner_id: OrgId,
    all: bool,
) -> Result<Vec<SubscriptionRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "{SUBSCRIPTION_SELECT}
         WHERE s.customer_id = $1
           AND ($3 OR s.provider_id = $2 OR s.reseller_id = $2 OR s.support_contact_id = $2)
         ORDER BY s.created_at, s.id"
    ))
    .bind(customer_id)
    .bind(partner_id)
    .bind(all)
    .fetch_all(ex)
    .await)
}

pub async fn subscription(
    db: impl Into<Db<'_>>,
    id: &str,
) -> Result<Option<SubscriptionRecord>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(&format!(
        "{SUBSCRIPTION_SELECT} WHERE s.id = $1"
    ))
    .bind(id)
    .fetch_optional(ex)
    .await)
}

pub async fn set_partners(
    tx: &mut Tx,
    id: &str,
    reseller_id: Option<OrgId>,
    support_contact_id: OrgId,
    at: i64,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
        "UPDATE subscriptions SET reseller_id = $2, support_contact_id = $3, updated_at = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(reseller_id)
    .bind(support_contact_id)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn set_licenses(
    tx: &mut Tx,
    id: &str,
    licenses: i64,
    at: i64,
) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| sqlx::query(
        "UPDATE subscriptions SET licenses = $2, updated_at = $3 WHERE id = $1"
    )
    .bind(id)
    .bind(licenses)
    .bind(at)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Licenses of the subscription assigned to users.
pub async fn assigned_count(
    db: impl Into<Db<'_>>,
    subscription_id: &str,
) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = on!(db, |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM license_assignments WHERE subscription_id = $1"
    )
    .bind(subscription_id)
    .fetch_one(ex)
    .await)?;
    Ok(n)
}

/// Assigns a license; false when the user holds one already.
pub async fn assign(
    tx: &mut Tx,
    subscription_id: &str,
    user_id: UserId,
    by_name: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| {
        sqlx::query(
        "INSERT INTO license_assignments (subscription_id, user_id, assigned_at, assigned_by_name)
         VALUES ($1, $2, $3, $4) ON CONFLICT (subscription_id, user_id) DO NOTHING",
    )
    .bind(subscription_id)
    .bind(user_id)
    .bind(at)
    .bind(by_name)
    .execute(ex)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(done == 1)
}

/// Takes a license back; false when the user held none.
pub async fn unassign(
    tx: &mut Tx,
    subscription_id: &str,
    user_id: UserId,
) -> Result<bool, sqlx::Error> {
    let done = on!(&mut *tx, |ex| sqlx::query(
        "DELETE FROM license_assignments WHERE subscription_id = $1 AND user_id = $2"
    )
    .bind(subscription_id)
    .bind(user_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// (user id, subscription id) of every license of the customer's users.
pub async fn assignments_of_customer(
    db: impl Into<Db<'_>>,
    customer_id: OrgId,
) -> Result<Vec<(UserId, SubscriptionId)>, sqlx::Error> {
    on!(db, |ex| sqlx::query_as(
        "SELECT a.user_id, a.subscription_id FROM license_assignments a
         JOIN users u ON u.id = a.user_id
         WHERE u.organization_id = $1",
    )
    .bind(customer_id)
    .fetch_all(ex)
    .await)
}

/// The names of the indirect resellers (other than `except`) in a relationship with the customer.
pub async fn associated_resellers(
    db: impl Into<Db<'_>>,
    customer_id: OrgId,
    except: OrgId,
) -> Result<Vec<(String,)>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
        "SELECT o.legal_name FROM reseller_relationships r JOIN organizations o ON o.id = r.partner_id
         WHERE r.customer_id = $1 AND r.ended_at IS NULL AND o.kind = 'reseller' AND o.id <> $2
         ORDER BY o.legal_name",
    )
    .bind(customer_id)
    .bind(except)
    .fetch_all(ex)
    .await
    })
}

/// Users of an organization: (id, name, email, active, global admin), by name.
pub async fn users_of(
    db: impl Into<Db<'_>>,
    org_id: OrgId,
) -> Result<Vec<(UserId, String, String, bool, bool)>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
        "SELECT u.id, u.name, u.email, u.active,
                EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'global_admin')
         FROM users u WHERE u.organization_id = $1 ORDER BY u.name, u.id",
    )
    .bind(org_id)
    .fetch_all(ex)
    .await
    })
}

pub async fn user_count(db: impl Into<Db<'_>>, org_id: OrgId) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = on!(db, |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM users WHERE organization_id = $1"
    )
    .bind(org_id)
    .fetch_one(ex)
    .await)?;
    Ok(n)
}
