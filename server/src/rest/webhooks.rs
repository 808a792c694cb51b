//! The webhooks in the OpenAPI document (its `webhooks` object, which utoipa does not build):
//! one `POST` per event with the Standard Webhooks headers and the body's schema, derived from
//! [`WebhookEvent`]. Endpoints are registered on the Webhooks page, not through the API.

use app::model::EventType;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

/// What a webhook delivery's body holds (Standard Webhooks). Verify `webhook-signature` before
/// trusting it, and dedupe on `webhook-id` (a delivery may come more than once).
#[derive(Serialize, ToSchema)]
#[schema(example = json!({
    "type": "invitation.accepted",
    "timestamp": "2026-12-05T09:30:00.123Z",
    "data": {
        "invitation_id": "0193a1b2-0000-7000-8000-000000000001",
        "invitation_kind": "reseller_relationship",
        "as_party": false,
        "organization": { "id": "0193a1b2-0000-7000-8000-000000000002", "name": "Adatum Kft." },
        "customer": null,
        "by": "Eszter Kiss"
    }
}))]
pub struct WebhookEvent {
    /// The event: `invitation.accepted`, `invitation.declined`, `invitation.expired`,
    /// `relationship.ended_by_customer`, `delegated_admin.removed`, `partnership.removed`,
    /// `subscription.created`, `subscription.changed`, `customer.created` or `webhook.test`.
    #[serde(rename = "type")]
    pub kind: String,
    /// When the change happened (RFC 3339, UTC).
    pub timestamp: String,
    /// Ids and names of what changed (each event's description says which); read the rest
    /// through the API.
    pub data: Value,
}

/// What an event means and what its `data` holds.
fn description(event: EventType) -> &'static str {
    match event {
        EventType::InvitationAccepted => {
            "A request the organization sent was accepted (or a joint invite naming it as the provider: `as_party` is true). `data`: `invitation_id`, `invitation_kind`, `organization` (who accepted), `by`."
        }
        EventType::InvitationDeclined => {
            "A request the organization sent was declined. `data`: `invitation_id`, `invitation_kind`, `organization`, `by`."
        }
        EventType::InvitationExpired => {
            "A request the organization sent expired unanswered. `data`: `invitation_id`, `invitation_kind`, `organization` (the recipient as the request named them; no id), `by` (who sent it)."
        }
        EventType::RelationshipEndedByCustomer => {
            "A customer ended its reseller relationship with the organization. `data`: `organization` (the customer), `by`."
        }
        EventType::DelegatedAdminRemoved => {
            "A customer removed the organization's delegated admin permissions. `data`: `organization` (the customer), `by`."
        }
        EventType::PartnershipRemoved => {
            "An indirect provider removed its partnership with this reseller. `data`: `organization` (the provider), `by`."
        }
        EventType::SubscriptionCreated => {
            "A subscription was ordered for a customer (to its provider and its reseller). `data`: `subscription_id`, `customer`, `offer`, `licenses`, `by`."
        }
        EventType::SubscriptionChanged => {
            "A subscription's licenses, reseller or support contact changed. `data`: `subscription_id`, `customer`, `offer`, `changes` (`licenses`, `reseller`, `support_contact`), `licenses` or `reseller`, `by`."
        }
        EventType::CustomerCreated => {
            "A provider created a customer (to the provider and the reseller named). `data`: `customer`, `provider`, `reseller`, `by`."
        }
        EventType::Test => {
            "Sent by \"Send test event\" on the Webhooks page, to that endpoint only. `data`: `organization`, `by`."
        }
    }
}

/// The document's `webhooks` object.
pub fn webhooks() -> Value {
    let header = |name: &str, text: &str| {
        json!({ "name": name, "in": "header", "required": true, "description": text,
                "schema": { "type": "string" } })
    };
    let parameters = json!([
        header(
            "webhook-id",
            "The delivery's id (`msg_…`), the same on every attempt: dedupe on it."
        ),
        header(
            "webhook-timestamp",
            "When this attempt was signed, in seconds since the Unix epoch: refuse old ones."
        ),
        header(
            "webhook-signature",
            "`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`, keyed with the base64 part of the endpoint's `whsec_` secret; during a secret's rotation, one per secret, separated by spaces."
        ),
    ]);
    let items = EventType::CHOSEN
        .into_iter()
        .chain([EventType::Test])
        .map(|e| {
            let item = json!({ "post": {
                "summary": e.code(),
                "description": description(e),
                "parameters": parameters,
                "requestBody": { "required": true, "content": { "application/json": {
                    "schema": { "$ref": "#/components/schemas/WebhookEvent" } } } },
                "responses": {
                    "2XX": { "description": "Received: any 2xx ends the delivery." },
                    "default": { "description": "Anything else (or no answer within the timeout) is retried with backoff for 24 hours." }
                }
            }});
            (e.code().to_owned(), item)
        })
        .collect::<serde_json::Map<String, Value>>();
    Value::Object(items)
}
