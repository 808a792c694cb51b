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
    /// Retried until then.
    pub retry_until: i64,
}

/// A pending delivery, due at once.
pub async fn insert_delivery(tx: &mut Tx, d: &NewDelivery<'_>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "INSERT INTO webhook_deliveries (id, endpoint_id, event, body, created_at, state,
                                             next_attempt_at, retry_until)
             VALUES ($1, $2, $3, $4, $5, 'pending', $5, $6)",
        )
        .bind(d.id)
        .bind(d.endpoint_id)
        .bind(d.event)
        .bind(d.body)
        .bind(d.at)
        .bind(d.retry_until)
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

/// What a redelivery came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Redelivery {
    /// Due again now, and retried until `retry_until`.
    Queued,
    /// An instance is sending it this moment: left to that attempt.
    Sending,
    /// The endpoint has no such delivery.
    Missing,
}

/// Makes a delivery of the endpoint due again now, whatever became of it, with a new retry
/// window, unless an instance is sending it this moment.
pub async fn redeliver(
    tx: &mut Tx,
    endpoint: &str,
    id: &str,
    now: i64,
    retry_until: i64,
) -> Result<Redelivery, sqlx::Error> {
    let changed = on!(&mut *tx, |ex| {
        sqlx::query(
            "UPDATE webhook_deliveries
             SET state = 'pending', next_attempt_at = $1, lease_until = NULL, retry_until = $2,
                 attempts_before = attempts
             WHERE id = $3 AND endpoint_id = $4
               AND (lease_until IS NULL OR lease_until <= $1)",
        )
        .bind(now)
        .bind(retry_until)
        .bind(id)
        .bind(endpoint)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    if changed > 0 {
        return Ok(Redelivery::Queued);
    }
    let exists = on!(&mut *tx, |ex| {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2",
        )
        .bind(id)
        .bind(endpoint)
        .fetch_one(ex)
        .await
    })?;
    Ok(if exists > 0 {
        Redelivery::Sending
    } else {
        Redelivery::Missing
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
    /// Retried until then.
    pub retry_until: i64,
    /// Attempts before this one.
    pub attempts: i64,
    /// Of those, the ones before the last redelivery.
    pub attempts_before: i64,
}

/// Takes up to `limit` due deliveries for this instance until `lease_until` (under the write
/// lock, so that two instances never take the same one), counting the attempt. An endpoint has
/// at most `per_endpoint` deliveries being sent at once, on all instances together, so that a
/// slow receiver cannot take every place from the others.
pub async fn claim(
    tx: &mut Tx,
    now: i64,
    lease_until: i64,
    limit: i64,
    per_endpoint: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let due: Vec<Claimed> = on!(&mut *tx, |ex| {
        sqlx::query_as(
            "WITH due AS (
                 SELECT id, endpoint_id, next_attempt_at,
                        ROW_NUMBER() OVER (PARTITION BY endpoint_id
                                           ORDER BY next_attempt_at, id) AS place
                 FROM webhook_deliveries
                 WHERE state = 'pending' AND next_attempt_at <= $1
                   AND (lease_until IS NULL OR lease_until <= $1)
             ),
             sending AS (
                 SELECT endpoint_id, COUNT(*) AS n FROM webhook_deliveries
                 WHERE state = 'pending' AND lease_until > $1
                 GROUP BY endpoint_id
             )
             SELECT d.id, d.endpoint_id, e.url, e.secret, e.previous_secret, e.previous_until,
                    d.body, d.retry_until,
                    d.attempts, d.attempts_before
             FROM due
             JOIN webhook_deliveries d ON d.id = due.id
             JOIN webhook_endpoints e ON e.id = due.endpoint_id
             LEFT JOIN sending s ON s.endpoint_id = due.endpoint_id
             WHERE due.place + COALESCE(s.n, 0) <= $3
             ORDER BY due.next_attempt_at, due.id
             LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .bind(per_endpoint)
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

/// Gives back a delivery taken under `lease_until` but not sent (at shutdown), due at once on
/// any instance, the attempt not counted.
pub async fn release(tx: &mut Tx, id: &str, lease_until: i64) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        sqlx::query(
            "UPDATE webhook_deliveries SET lease_until = NULL, attempts = attempts - 1
             WHERE id = $1 AND lease_until = $2 AND state = 'pending'",
        )
        .bind(id)
        .bind(lease_until)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
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
    /// The lease it was taken with: a delivery taken again since (its lease ran out) is not
    /// overwritten.
    pub lease_until: i64,
}

/// Records an attempt; whether the delivery was still this attempt's.
pub async fn record_attempt(tx: &mut Tx, a: &Attempt<'_>) -> Result<bool, sqlx::Error> {
    let changed = on!(&mut *tx, |ex| {
        sqlx::query(
            "UPDATE webhook_deliveries
             SET state = $1, next_attempt_at = $2, lease_until = NULL, last_attempt_at = $3,
                 response_code = $4, failure = $5
             WHERE id = $6 AND lease_until = $7",
        )
        .bind(a.state)
        .bind(a.next_attempt_at)
        .bind(a.at)
        .bind(a.response_code)
        .bind(a.failure)
        .bind(a.id)
        .bind(a.lease_until)
        .execute(ex)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(changed > 0)
}

/// Marks the endpoint failing since `at` (kept if it already is), or working again (`None`);
/// writes only when that changes something.
pub async fn set_failing(tx: &mut Tx, endpoint: &str, at: Option<i64>) -> Result<(), sqlx::Error> {
    on!(&mut *tx, |ex| {
        match at {
            Some(at) => sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = $1
                 WHERE id = $2 AND failing_since IS NULL",
            )
            .bind(at)
            .bind(endpoint),
            None => sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = NULL
                 WHERE id = $1 AND failing_since IS NOT NULL",
            )
            .bind(endpoint),
        }
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
