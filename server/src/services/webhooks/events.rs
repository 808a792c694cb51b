//! Events into the outbox: the areas call [`emit`] inside the transaction of the change, so
//! that a committed change always has its deliveries and a rolled-back one never does.

use crate::{
    db::{self, Tx},
    services::fault::OrInternal,
};
use app::model::{AppError, EventType, OrgId, webhook::RETRY_FOR_MS};
use serde_json::{Value, json};

/// Wakes this instance's delivery job (an emit's transaction commits before the job can claim:
/// claiming takes the write lock the emitting transaction holds).
pub static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// An organization or customer as events name it.
pub fn party(id: Option<OrgId>, name: &str) -> Value {
    json!({ "id": id, "name": name })
}

/// Queues `event` with `data` for the organization's endpoints that chose it. One cheap
/// indexed read when none did (most organizations).
pub async fn emit(
    tx: &mut Tx,
    org: OrgId,
    event: EventType,
    data: Value,
    at: i64,
) -> Result<(), AppError> {
    let endpoints = db::webhooks::subscribed(tx, org, event.code())
        .await
        .or_internal("finding webhook endpoints")?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let body = body(event, data, at);
    for endpoint in &endpoints {
        queue(tx, endpoint, event, &body, at).await?;
    }
    WAKE.notify_one();
    Ok(())
}

/// One delivery to one endpoint.
pub async fn queue(
    tx: &mut Tx,
    endpoint: &str,
    event: EventType,
    body: &str,
    at: i64,
) -> Result<(), AppError> {
    let id = format!("msg_{}", super::super::new_uuid().simple());
    db::webhooks::insert_delivery(
        tx,
        &db::webhooks::NewDelivery {
            id: &id,
            endpoint_id: endpoint,
            event: event.code(),
            body,
            at,
            retry_until: at + RETRY_FOR_MS,
        },
    )
    .await
    .or_internal("queueing a webhook delivery")
}

/// The Standard Webhooks body: `type`, `timestamp` (RFC 3339, UTC) and `data`.
pub fn body(event: EventType, data: Value, at: i64) -> String {
    let timestamp = jiff::Timestamp::from_millisecond(at)
        .map(|t| t.to_string())
        .unwrap_or_default();
    json!({ "type": event.code(), "timestamp": timestamp, "data": data }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_carry_type_time_and_data() {
        let b = body(
            EventType::CustomerCreated,
            json!({"x": 1}),
            1_700_000_000_123,
        );
        let v: Value = serde_json::from_str(&b).unwrap();
        assert_eq!(v["type"], "customer.created");
        assert_eq!(v["timestamp"], "2023-11-14T22:13:20.123Z");
        assert_eq!(v["data"]["x"], 1);
    }
}
