//! The demo's webhook endpoint (issue 22): Contoso's CRM hears accepted requests, new customers
//! and subscriptions. Its log shows deliveries made, one after two failed attempts. (A change
//! made while trying the demo queues a delivery to this made-up address: it fails to resolve
//! and is retried, as a real unreachable receiver would be.)

use crate::{
    db,
    services::{
        audit::{self, By},
        new_id,
        webhooks::{events, sign},
    },
};
use app::model::{EventType, OrgId, UserId, activity::Activity, webhook::RETRY_FOR_MS};
use serde_json::json;

const DAY_MS: i64 = 86_400_000;
const URL: &str = "https://crm.contoso.example/tierlink/events";

pub async fn fill(
    tx: &mut db::Tx,
    contoso: OrgId,
    anna: UserId,
    now: i64,
) -> Result<(), super::demo::DemoError> {
    let secret = sign::new_secret().map_err(|e| super::demo::DemoError::Random(e.to_string()))?;
    let id = new_id();
    let made = now - 12 * DAY_MS;
    let chosen = [
        EventType::InvitationAccepted,
        EventType::CustomerCreated,
        EventType::SubscriptionCreated,
        EventType::SubscriptionChanged,
    ];
    let codes: Vec<&str> = chosen.iter().map(|e| e.code()).collect();
    db::webhooks::insert_endpoint(
        tx,
        &db::webhooks::NewEndpoint {
            id: &id,
            organization_id: contoso,
            url: URL,
            events: &format!(",{},", codes.join(",")),
            secret: &secret,
            created_by: anna,
            created_by_name: "Anna Kovács",
            created_at: made,
        },
    )
    .await?;
    let by = By {
        user_id: Some(anna),
        name: "Anna Kovács",
    };
    audit::record(tx, contoso, &by, Activity::WebhookAdded, URL, made).await?;
    // (event, days ago, attempts, data)
    let made_deliveries = [
        (
            EventType::Test,
            12,
            1,
            json!({ "organization": events::party(Some(contoso), "Contoso Distribution Kft."), "by": "Anna Kovács" }),
        ),
        (
            EventType::InvitationAccepted,
            10,
            3,
            json!({ "invitation_kind": "partnership", "as_party": false, "organization": { "id": null, "name": "Fabrikam Solutions GmbH" }, "by": "Lena Fischer" }),
        ),
        (
            EventType::CustomerCreated,
            7,
            1,
            json!({ "customer": { "id": null, "name": "Fourth Coffee Kft." }, "by": "Anna Kovács" }),
        ),
    ];
    for (event, days_ago, attempts, data) in made_deliveries {
        let at = now - days_ago * DAY_MS;
        let delivery = format!("msg_{}", crate::services::new_uuid().simple());
        let body = events::body(event, data, at);
        db::webhooks::insert_delivery(
            tx,
            &db::webhooks::NewDelivery {
                id: &delivery,
                endpoint_id: &id,
                event: event.code(),
                body: &body,
                at,
                retry_until: at + RETRY_FOR_MS,
            },
        )
        .await?;
        // Two failed attempts (5 s and 15 s apart) before the third worked, where there were.
        let last = at + if attempts > 1 { 20_000 } else { 0 };
        delivered(tx, &delivery, last, attempts).await?;
    }
    Ok(())
}

/// Records a made delivery as delivered (answered 200) at `at`, after `attempts` attempts.
async fn delivered(tx: &mut db::Tx, id: &str, at: i64, attempts: i64) -> Result<(), sqlx::Error> {
    crate::on!(&mut *tx, |ex| sqlx::query(
        "UPDATE webhook_deliveries
         SET state = 'delivered', next_attempt_at = NULL, last_attempt_at = $1,
             response_code = 200, attempts = $2
         WHERE id = $3"
    )
    .bind(at)
    .bind(attempts)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}
