//! Webhook endpoints and the outbox of their deliveries.

use super::{Db, Tx, on};
use app::model::{OrgId, UserId};

pub struct NewEndpoint<'a> {
    pub id: &'a str,
    pub organization_id: OrgId,
    pub url: &'a str,
    /// Codes between commas, as stored (see the migration).
    pub events: &'a str,
    pub secret: &'a str,
    pub created_by: UserId,
    pub created_by_name: &'a str,
    pub created_at: i64,
}

pub async fn insert_endpoint(tx: &mut Tx, e: &NewEndpoint<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "INSERT INTO webhook_endpoints (id, organization_id, url, events, secret, created_by,
                                            created_by_name, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(e.id)
        .bind(e.organization_id)
        .bind(e.url)
        .bind(e.events)
        .bind(e.secret)
        .bind(e.created_by)
        .bind(e.created_by_name)
        .bind(e.created_at)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn count(tx: &mut Tx, org: OrgId) -> Result<i64, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_endpoints WHERE organization_id = $1")
            .bind(org)
            .fetch_one(ex)
            .await
    })
}

#[derive(sqlx::FromRow)]
pub struct Listed {
    pub id: String,
    pub url: String,
    pub events: String,
    pub created_by_name: String,
    pub created_at: i64,
    pub failing_since: Option<i64>,
    pub last_delivery_at: Option<i64>,
}

/// The organization's endpoints, newest first (a handful at most).
pub async fn list(db: impl Into<Db<'_>>, org: OrgId) -> Result<Vec<Listed>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
            "SELECT e.id, e.url, e.events, e.created_by_name, e.created_at, e.failing_since,
                    (SELECT MAX(d.created_at) FROM webhook_deliveries d
                     WHERE d.endpoint_id = e.id) AS last_delivery_at
             FROM webhook_endpoints e
             WHERE e.organization_id = $1
             ORDER BY e.created_at DESC, e.id DESC",
        )
        .bind(org)
        .fetch_all(ex)
        .await
    })
}

/// Whether the organization has this endpoint.
pub async fn exists(db: impl Into<Db<'_>>, org: OrgId, id: &str) -> Result<bool, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM webhook_endpoints WHERE id = $1 AND organization_id = $2",
        )
        .bind(id)
        .bind(org)
        .fetch_one(ex)
        .await
        .map(|n| n > 0)
    })
}

/// Gives the endpoint a new secret; the old one signs beside it until `previous_until`.
/// Its address, or `None` when the organization has no such endpoint.
pub async fn rotate(
    tx: &mut Tx,
    org: OrgId,
    id: &str,
    secret: &str,
    previous_until: i64,
) -> Result<Option<String>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_scalar(
            "UPDATE webhook_endpoints
             SET previous_secret = secret, previous_until = $1, secret = $2
             WHERE id = $3 AND organization_id = $4
             RETURNING url",
        )
        .bind(previous_until)
        .bind(secret)
        .bind(id)
        .bind(org)
        .fetch_optional(ex)
        .await
    })
}

/// Removes the endpoint with its deliveries; its address, or `None` when there is none.
pub async fn remove(tx: &mut Tx, org: OrgId, id: &str) -> Result<Option<String>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_scalar(
            "DELETE FROM webhook_endpoints WHERE id = $1 AND organization_id = $2 RETURNING url",
        )
        .bind(id)
        .bind(org)
        .fetch_optional(ex)
        .await
    })
}

/// The organization's endpoints that chose this event.
pub async fn subscribed(tx: &mut Tx, org: OrgId, event: &str) -> Result<Vec<String>, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query_scalar(
            "SELECT id FROM webhook_endpoints WHERE organization_id = $1 AND events LIKE $2",
        )
        .bind(org)
        .bind(format!("%,{event},%"))
        .fetch_all(ex)
        .await
    })
}

pub struct NewDelivery<'a> {
    pub id: &'a str,
    pub endpoint_id: &'a str,
    pub event: &'a str,
    pub body: &'a str,
    pub at: i64,
}

/// A pending delivery, due at once.
pub async fn insert_delivery(tx: &mut Tx, d: &NewDelivery<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, state,
                                             next_attempt_at)
             VALUES ($1, $2, $3, $4, $5, 'pending', $5)",
        )
        .bind(d.id)
        .bind(d.endpoint_id)
        .bind(d.event)
        .bind(d.body)
        .bind(d.at)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct DeliveryListed {
    pub id: String,
    pub event: String,
    pub created_at: i64,
    pub state: String,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub last_attempt_at: Option<i64>,
    pub response_code: Option<i64>,
    pub failure: Option<String>,
}

/// An endpoint's newest deliveries.
pub async fn deliveries(
    db: impl Into<Db<'_>>,
    endpoint: &str,
    limit: i64,
) -> Result<Vec<DeliveryListed>, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_as(
            "SELECT id, event, created_at, state, attempts, next_attempt_at, last_attempt_at,
                    response_code, failure
             FROM webhook_deliveries WHERE endpoint_id = $1
             ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(endpoint)
        .bind(limit)
        .fetch_all(ex)
        .await
    })
}

/// Makes a delivery of the endpoint due again now, whatever became of it, unless an instance is
/// sending it this moment (then it is left to that attempt). Whether the endpoint has it.
pub async fn redeliver(
    tx: &mut Tx,
    endpoint: &str,
    id: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "UPDATE webhook_deliveries
             SET state = 'pending', next_attempt_at = $1, lease_until = NULL
             WHERE id = $2 AND endpoint_id = $3
               AND (lease_until IS NULL OR lease_until <= $1)",
        )
        .bind(now)
        .bind(id)
        .bind(endpoint)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    on!(&mut *tx, |ex| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2",
        )
        .bind(id)
        .bind(endpoint)
        .fetch_one(ex)
        .await
        .map(|n| n > 0)
    })
}

/// Whether a delivery is due now (a read, so that an idle poll takes no write lock).
pub async fn any_due(db: impl Into<Db<'_>>, now: i64) -> Result<bool, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM webhook_deliveries
                                   WHERE state = 'pending' AND next_attempt_at <= $1
                                     AND (lease_until IS NULL OR lease_until <= $1)
                                   LIMIT 1) due",
        )
        .bind(now)
        .fetch_one(ex)
        .await
        .map(|n| n > 0)
    })
}

/// A delivery taken for sending, with what signing and sending it needs.
#[derive(sqlx::FromRow, Clone)]
pub struct Claimed {
    pub id: String,
    pub endpoint_id: String,
    pub url: String,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_until: Option<i64>,
    pub body: String,
    pub created_at: i64,
    /// Attempts before this one.
    pub attempts: i64,
}

/// Takes up to `limit` due deliveries for this instance until `lease_until` (under the write
/// lock, so that two instances never take the same one), counting the attempt.
pub async fn claim(
    tx: &mut Tx,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let due: Vec<Claimed> = on!(&mut *tx, |ex| {
        sqlx::query_as(
            "SELECT d.id, d.endpoint_id, e.url, e.secret, e.previous_secret, e.previous_until,
                    d.body, d.created_at, d.attempts
             FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
             WHERE d.state = 'pending' AND d.next_attempt_at <= $1
               AND (d.lease_until IS NULL OR d.lease_until <= $1)
             ORDER BY d.next_attempt_at, d.id
             LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(ex)
        .await
    })?;
    for d in &due {
        on!(&mut *tx, |ex| {
            sqlx::query(
                "UPDATE webhook_deliveries SET lease_until = $1, attempts = attempts + 1
                 WHERE id = $2",
            )
            .bind(lease_until)
            .bind(&d.id)
            .execute(ex)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    Ok(due)
}

/// What became of one attempt.
pub struct Attempt<'a> {
    pub id: &'a str,
    pub at: i64,
    pub response_code: Option<i64>,
    pub failure: Option<&'a str>,
    /// `delivered`, `pending` (then `next_attempt_at`) or `failed`.
    pub state: &'a str,
    pub next_attempt_at: Option<i64>,
}

pub async fn record_attempt(tx: &mut Tx, a: &Attempt<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "UPDATE webhook_deliveries
             SET state = $1, next_attempt_at = $2, lease_until = NULL, last_attempt_at = $3,
                 response_code = $4, failure = $5
             WHERE id = $6",
        )
        .bind(a.state)
        .bind(a.next_attempt_at)
        .bind(a.at)
        .bind(a.response_code)
        .bind(a.failure)
        .bind(a.id)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Marks the endpoint failing since `at` (kept if it already is), or working again (`None`).
pub async fn set_failing(tx: &mut Tx, endpoint: &str, at: Option<i64>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "UPDATE webhook_endpoints
             SET failing_since = CASE WHEN $1 IS NULL THEN NULL
                                      ELSE COALESCE(failing_since, $1) END
             WHERE id = $2",
        )
        .bind(at)
        .bind(endpoint)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Forgets finished deliveries made before `before`.
pub async fn sweep(db: impl Into<Db<'_>>, before: i64) -> Result<u64, sqlx::Error> {
    on!(db, |ex| {
        sqlx::query("DELETE FROM webhook_deliveries WHERE state <> 'pending' AND created_at < $1")
            .bind(before)
            .execute(ex)
            .await
            .map(|r| r.rows_affected())
    })
}
