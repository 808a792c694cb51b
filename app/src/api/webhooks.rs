//! The organization's webhook endpoints (issue 22): register one (its signing secret shown
//! once), rotate its secret, remove it, send it a test event, read its delivery log and
//! redeliver. Only a signed-in Global admin of a partner, in the browser.

#[cfg(feature = "ssr")]
use crate::model::EventType;
use crate::model::{AppError, DeliveryRow, EventChoice, WebhookRow, WebhookSecret};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait WebhooksPort: Send + Sync {
    /// The organization's endpoints, newest first.
    async fn list(&self, ctx: &super::RequestCtx) -> Result<Vec<WebhookRow>, AppError>;
    async fn create(
        &self,
        ctx: &super::RequestCtx,
        url: String,
        events: Vec<EventType>,
    ) -> Result<WebhookSecret, AppError>;
    /// A new secret; the old one still signs (beside it) for 24 hours, so that a receiver can
    /// switch without losing a delivery.
    async fn rotate(&self, ctx: &super::RequestCtx, id: String) -> Result<WebhookSecret, AppError>;
    /// Removes the endpoint and its deliveries not yet made.
    async fn remove(&self, ctx: &super::RequestCtx, id: String) -> Result<(), AppError>;
    /// Queues a `webhook.test` delivery to this endpoint.
    async fn send_test(&self, ctx: &super::RequestCtx, id: String) -> Result<(), AppError>;
    /// The endpoint's newest deliveries (at most 50), newest first.
    async fn deliveries(
        &self,
        ctx: &super::RequestCtx,
        id: String,
    ) -> Result<Vec<DeliveryRow>, AppError>;
    /// Sends a delivery again now, with its `webhook-id` (receivers recognise a repeat).
    async fn redeliver(
        &self,
        ctx: &super::RequestCtx,
        id: String,
        delivery: String,
    ) -> Result<(), AppError>;
}

#[server(endpoint = "list_webhooks")]
pub async fn list_webhooks() -> Result<Vec<WebhookRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.list(&ctx).await)
}

#[server(endpoint = "create_webhook")]
pub async fn create_webhook(
    url: String,
    #[server(default)] events: EventChoice,
) -> Result<WebhookSecret, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.create(&ctx, url, events.events()).await)
}

#[server(endpoint = "rotate_webhook_secret")]
pub async fn rotate_webhook_secret(id: String) -> Result<WebhookSecret, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.rotate(&ctx, id).await)
}

#[server(endpoint = "remove_webhook")]
pub async fn remove_webhook(id: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.remove(&ctx, id).await)
}

#[server(endpoint = "send_test_webhook")]
pub async fn send_test_webhook(id: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.send_test(&ctx, id).await)
}

#[server(endpoint = "list_webhook_deliveries")]
pub async fn list_webhook_deliveries(id: String) -> Result<Vec<DeliveryRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.deliveries(&ctx, id).await)
}

#[server(endpoint = "redeliver_webhook")]
pub async fn redeliver_webhook(id: String, delivery: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.webhooks.redeliver(&ctx, id, delivery).await)
}
