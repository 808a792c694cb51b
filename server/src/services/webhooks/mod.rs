//! Webhooks (issue 22). Rules: a Global admin of a partner organization registers endpoints in
//! the browser (a token never manages them: the API has no route to this port), at most
//! [`MAX_ENDPOINTS`] per organization; an endpoint is `https://` to a public address
//! ([`guard`]); its signing secret is shown once, at registration and at each rotation, and
//! kept in clear (it signs every delivery). Events go into an outbox in the transaction of
//! their change ([`events::emit`]); the delivery job sends them ([`deliver`]).

pub mod deliver;
pub mod events;
pub mod guard;
pub mod sign;

use super::{Services, audit, fault::OrInternal, require, time_fmt};
use crate::db;
use app::{
    api::{RequestCtx, webhooks::WebhooksPort},
    model::{
        Action, AppError, AttemptFailure, DeliveryRow, DeliveryState, ErrorCode, EventType,
        FieldError, WebhookRow, WebhookSecret,
        activity::Activity,
        webhook::{self, MAX_ENDPOINTS, RETRY_FOR_MS},
    },
};

pub use events::{emit, party};

pub struct Webhooks(pub Services);

/// How long the secret before a rotation still signs beside the new one.
const PREVIOUS_SECRET_MS: i64 = 24 * 3_600_000;
/// Deliveries a log shows.
const LOG_ROWS: i64 = 50;

/// Events as stored: codes between commas.
fn events_to_text(events: &[EventType]) -> String {
    let codes: Vec<&str> = events.iter().map(|e| e.code()).collect();
    format!(",{},", codes.join(","))
}

fn events_from_text(text: &str) -> Vec<EventType> {
    text.split(',').filter_map(EventType::from_code).collect()
}

/// An endpoint's address as the activity log keeps it: without a query or a user name, which
/// may hold a receiver's token (the log is read more widely, and for longer, than the endpoint).
fn for_log(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) => {
            u.set_query(None);
            u.set_fragment(None);
            // Fails only for URLs that cannot have them, which `https://` ones can.
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        Err(_) => url.split(['?', '#']).next().unwrap_or_default().to_owned(),
    }
}

fn new_secret() -> Result<String, AppError> {
    sign::new_secret().or_internal("making a webhook secret")
}

impl Webhooks {
    /// The actor, allowed to manage webhooks, and the endpoint (of their organization).
    async fn endpoint<'a>(
        &self,
        ctx: &'a RequestCtx,
        id: &str,
    ) -> Result<&'a app::model::Actor, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageWebhooks)?;
        if db::webhooks::exists(self.0.pool(), actor.org_id, id)
            .await
            .or_internal("reading a webhook endpoint")?
        {
            Ok(actor)
        } else {
            Err(AppError::NotFound)
        }
    }
}

#[async_trait::async_trait]
impl WebhooksPort for Webhooks {
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<WebhookRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageWebhooks)?;
        let fmt = time_fmt::Viewer::of(actor);
        let rows = db::webhooks::list(self.0.pool(), actor.org_id)
            .await
            .or_internal("listing webhook endpoints")?;
        Ok(rows
            .into_iter()
            .map(|r| WebhookRow {
                events: events_from_text(&r.events),
                created: fmt.date_time(r.created_at),
                failing_since: r.failing_since.map(|at| fmt.date_time(at)),
                last_delivery: r.last_delivery_at.map(|at| fmt.date_time(at)),
                id: r.id,
                url: r.url,
                created_by: r.created_by_name,
            })
            .collect())
    }

    async fn create(
        &self,
        ctx: &RequestCtx,
        url: String,
        events: Vec<EventType>,
    ) -> Result<WebhookSecret, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageWebhooks)?;
        let svc = &self.0;
        let allow_loopback = svc.config().webhooks_allow_loopback;
        let mut errors = Vec::new();
        let url = FieldError::collect(
            &mut errors,
            "url",
            webhook::parse_url(&url).and_then(|u| guard::check_url(&u, allow_loopback)),
        );
        let events = FieldError::collect(&mut errors, "events", webhook::parse_events(&events));
        AppError::from_fields(errors)?;
        let (Some(url), Some(events)) = (url, events) else {
            return Err(AppError::Internal);
        };
        let url = url.to_string();
        let secret = new_secret()?;
        let id = super::new_id();
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to add a webhook endpoint")?;
        let count = db::webhooks::count(&mut tx, actor.org_id)
            .await
            .or_internal("counting webhook endpoints")?;
        if usize::try_from(count).unwrap_or(usize::MAX) >= MAX_ENDPOINTS {
            return Err(AppError::Refused(ErrorCode::WebhookLimitReached));
        }
        db::webhooks::insert_endpoint(
            &mut tx,
            &db::webhooks::NewEndpoint {
                id: &id,
                organization_id: actor.org_id,
                url: &url,
                events: &events_to_text(&events),
                secret: &secret,
                created_by: actor.user_id,
                created_by_name: &actor.user_name,
                created_at: now,
            },
        )
        .await
        .or_internal("storing a webhook endpoint")?;
        audit::by_actor(
            &mut tx,
            actor.org_id,
            actor,
            Activity::WebhookAdded,
            &for_log(&url),
            now,
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing a webhook endpoint")?;
        Ok(WebhookSecret { id, url, secret })
    }

    async fn rotate(&self, ctx: &RequestCtx, id: String) -> Result<WebhookSecret, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageWebhooks)?;
        let svc = &self.0;
        let secret = new_secret()?;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a rotation")?;
        let url = db::webhooks::rotate(
            &mut tx,
            actor.org_id,
            &id,
            &secret,
            now + PREVIOUS_SECRET_MS,
        )
        .await
        .or_internal("rotating a webhook secret")?
        .ok_or(AppError::NotFound)?;
        let code = Activity::WebhookSecretRotated;
        audit::by_actor(&mut tx, actor.org_id, actor, code, &for_log(&url), now).await?;
        tx.commit().await.or_internal("committing a rotation")?;
        Ok(WebhookSecret { id, url, secret })
    }

    async fn remove(&self, ctx: &RequestCtx, id: String) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageWebhooks)?;
        let svc = &self.0;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a removal")?;
        let url = db::webhooks::remove(&mut tx, actor.org_id, &id)
            .await
            .or_internal("removing a webhook endpoint")?
            .ok_or(AppError::NotFound)?;
        let code = Activity::WebhookRemoved;
        audit::by_actor(&mut tx, actor.org_id, actor, code, &for_log(&url), now).await?;
        tx.commit().await.or_internal("committing a removal")
    }

    async fn send_test(&self, ctx: &RequestCtx, id: String) -> Result<(), AppError> {
        let actor = self.endpoint(ctx, &id).await?;
        let svc = &self.0;
        let now = svc.now_ms();
        let body = events::body(
            EventType::Test,
            serde_json::json!({
                "organization": party(Some(actor.org_id), &actor.org_name),
                "by": actor.user_name,
            }),
            now,
        );
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a test event")?;
        events::queue(&mut tx, &id, EventType::Test, &body, now).await?;
        tx.commit().await.or_internal("committing a test event")?;
        events::WAKE.notify_one();
        Ok(())
    }

    async fn deliveries(&self, ctx: &RequestCtx, id: String) -> Result<Vec<DeliveryRow>, AppError> {
        let actor = self.endpoint(ctx, &id).await?;
        let fmt = time_fmt::Viewer::of(actor);
        let rows = db::webhooks::deliveries(self.0.pool(), &id, LOG_ROWS)
            .await
            .or_internal("reading deliveries")?;
        Ok(rows
            .into_iter()
            .filter_map(|r| {
                let state = match r.state.as_str() {
                    "delivered" => DeliveryState::Delivered,
                    "failed" => DeliveryState::Failed,
                    _ => DeliveryState::Pending,
                };
                Some(DeliveryRow {
                    event: EventType::from_code(&r.event)?,
                    created: fmt.date_time(r.created_at),
                    state,
                    attempts: u32::try_from(r.attempts).unwrap_or(u32::MAX),
                    last_attempt: r.last_attempt_at.map(|at| fmt.date_time(at)),
                    response_code: r.response_code.and_then(|c| u16::try_from(c).ok()),
                    failure: r.failure.as_deref().and_then(AttemptFailure::from_code),
                    next_attempt: r
                        .next_attempt_at
                        .filter(|_| state == DeliveryState::Pending)
                        .map(|at| fmt.date_time(at)),
                    id: r.id,
                })
            })
            .collect())
    }

    async fn redeliver(
        &self,
        ctx: &RequestCtx,
        id: String,
        delivery: String,
    ) -> Result<(), AppError> {
        self.endpoint(ctx, &id).await?;
        let svc = &self.0;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a redelivery")?;
        match db::webhooks::redeliver(&mut tx, &id, &delivery, now, now + RETRY_FOR_MS)
            .await
            .or_internal("redelivering")?
        {
            db::webhooks::Redelivery::Queued => {}
            db::webhooks::Redelivery::Sending => {
                return Err(AppError::Refused(ErrorCode::WebhookDeliverySending));
            }
            db::webhooks::Redelivery::Missing => return Err(AppError::NotFound),
        }
        tx.commit().await.or_internal("committing a redelivery")?;
        events::WAKE.notify_one();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_back_from_their_stored_form() {
        let events = [EventType::InvitationAccepted, EventType::CustomerCreated];
        let text = events_to_text(&events);
        assert_eq!(text, ",invitation.accepted,customer.created,");
        assert_eq!(events_from_text(&text), events);
    }

    #[test]
    fn the_log_keeps_no_query_or_user() {
        assert_eq!(
            for_log("https://bot:pw@hooks.example.com:8443/in/t?token=s3cret#x"),
            "https://hooks.example.com:8443/in/t"
        );
        assert_eq!(
            for_log("https://hooks.example.com/t"),
            "https://hooks.example.com/t"
        );
    }
}
