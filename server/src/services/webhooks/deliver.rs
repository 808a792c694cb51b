//! The delivery job: takes due deliveries from the outbox (a lease per instance, so that two
//! instances never send one at once and a crashed one's are taken again when its lease runs
//! out), sends them signed, and records each attempt: delivered on a 2xx answer; otherwise
//! tried again with exponential backoff for 24 hours, then failed and its endpoint marked
//! failing. At least once: a receiver may see a delivery twice (same `webhook-id`).

use super::{events::WAKE, guard, sign};
use crate::{
    config::Config,
    db,
    services::{Services, fault::OrInternal},
};
use app::model::{AppError, AttemptFailure, webhook::RETRY_FOR_MS};
use std::{sync::Arc, time::Duration};

/// Deliveries in flight at once (taken at once by a test's round).
const BATCH: i64 = 64;
/// How often an idle instance looks for due deliveries (retries, other instances' events).
pub const POLL: Duration = Duration::from_secs(1);

/// The wait after `failed` attempts: 5 s, then three times longer each time, at most 6 hours
/// (5 s, 15 s, 45 s, 2¼ min, … about 12 attempts in 24 hours).
pub fn backoff_ms(failed: i64) -> i64 {
    let exp = u32::try_from(failed.saturating_sub(1).clamp(0, 12)).unwrap_or(12);
    (5_000_i64 * 3_i64.pow(exp)).min(6 * 3_600_000)
}

/// The HTTP client of deliveries: no redirects, no proxy, a timeout, and a resolver that
/// refuses private addresses (see [`guard`]).
pub struct Sender {
    client: reqwest::Client,
    allow_loopback: bool,
    /// A taken delivery is this instance's until then: longer than any attempt.
    lease_ms: i64,
}

impl Sender {
    pub fn new(config: &Config) -> Result<Self, AppError> {
        let allow_loopback = config.webhooks_allow_loopback;
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(config.webhook_timeout)
            .connect_timeout(config.webhook_timeout.min(Duration::from_secs(5)))
            .dns_resolver(Arc::new(guard::Resolver { allow_loopback }))
            .user_agent(concat!("Tierlink-Webhooks/", env!("CARGO_PKG_VERSION")))
            .build()
            .or_internal("building the webhook client")?;
        let timeout_ms = i64::try_from(config.webhook_timeout.as_millis()).unwrap_or(i64::MAX);
        Ok(Self {
            client,
            allow_loopback,
            lease_ms: timeout_ms.saturating_add(30_000),
        })
    }

    /// One attempt: the receiver's status code, or why there was none.
    async fn attempt(
        &self,
        d: &db::webhooks::Claimed,
        now_ms: i64,
    ) -> (Option<u16>, Option<AttemptFailure>) {
        // Literal addresses never reach the resolver: checked here, at every attempt.
        let url = match guard::check_attempt(&d.url, self.allow_loopback) {
            Ok(u) => u,
            Err(failure) => return (None, Some(failure)),
        };
        let timestamp = now_ms.div_euclid(1000);
        let mut secrets = vec![d.secret.as_str()];
        if let (Some(previous), Some(until)) = (&d.previous_secret, d.previous_until)
            && until > now_ms
        {
            secrets.push(previous);
        }
        let signature = sign::header(&secrets, &d.id, timestamp, &d.body);
        let sent = self
            .client
            .post(url)
            .header(http::header::CONTENT_TYPE, "application/json")
            .header("webhook-id", &d.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(d.body.clone())
            .send()
            .await;
        match sent {
            Ok(r) if r.status().is_success() => (Some(r.status().as_u16()), None),
            Ok(r) if r.status().is_redirection() => {
                (Some(r.status().as_u16()), Some(AttemptFailure::Redirected))
            }
            Ok(r) => (Some(r.status().as_u16()), Some(AttemptFailure::Status)),
            Err(e) if e.is_timeout() => (None, Some(AttemptFailure::Timeout)),
            Err(e) if refused(&e) => (None, Some(AttemptFailure::AddressRefused)),
            Err(_) => (None, Some(AttemptFailure::Connection)),
        }
    }
}

/// Whether the resolver refused every address of the name.
fn refused(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut source = Some(e);
    while let Some(s) = source {
        if s.is::<guard::AddressRefused>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// What one attempt came to.
pub struct Outcome {
    delivery: db::webhooks::Claimed,
    code: Option<u16>,
    failure: Option<AttemptFailure>,
}

/// Takes up to `limit` due deliveries for this instance. `eager` claims without looking first
/// (after a wake: the emitting transaction may still be committing, and claiming waits for it).
async fn claim(
    services: &Services,
    sender: &Sender,
    limit: i64,
    eager: bool,
) -> Result<Vec<db::webhooks::Claimed>, AppError> {
    if !eager
        && !db::webhooks::any_due(services.pool(), services.now_ms())
            .await
            .or_internal("looking for due deliveries")?
    {
        return Ok(Vec::new());
    }
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting to take deliveries")?;
    let now = services.now_ms();
    let due = db::webhooks::claim(&mut tx, now, now + sender.lease_ms, limit)
        .await
        .or_internal("taking due deliveries")?;
    tx.commit()
        .await
        .or_internal("committing the taken deliveries")?;
    Ok(due)
}

async fn attempt(services: Services, sender: Arc<Sender>, d: db::webhooks::Claimed) -> Outcome {
    let (code, failure) = sender.attempt(&d, services.now_ms()).await;
    Outcome {
        delivery: d,
        code,
        failure,
    }
}

/// One round, as tests run it: takes the due deliveries (at most [`BATCH`]), sends them all,
/// records the attempts. How many were sent.
pub async fn deliver_due(
    services: &Services,
    sender: &Arc<Sender>,
    eager: bool,
) -> Result<usize, AppError> {
    let due = claim(services, sender, BATCH, eager).await?;
    let n = due.len();
    let outcomes = futures_util::future::join_all(
        due.into_iter()
            .map(|d| attempt(services.clone(), sender.clone(), d)),
    )
    .await;
    record(services, &outcomes).await?;
    Ok(n)
}

/// Records attempts, in one transaction (one commit for many deliveries).
async fn record(services: &Services, outcomes: &[Outcome]) -> Result<(), AppError> {
    if outcomes.is_empty() {
        return Ok(());
    }
    let now = services.now_ms();
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting to record attempts")?;
    for o in outcomes {
        let d = &o.delivery;
        let failed = d.attempts + 1;
        let (state, next, failing) = match o.failure {
            None => ("delivered", None, Some(None)),
            Some(_) => {
                let next = now + backoff_ms(failed);
                if next > d.created_at + RETRY_FOR_MS {
                    ("failed", None, Some(Some(now)))
                } else {
                    ("pending", Some(next), None)
                }
            }
        };
        db::webhooks::record_attempt(
            &mut tx,
            &db::webhooks::Attempt {
                id: &d.id,
                at: now,
                response_code: o.code.map(i64::from),
                failure: o.failure.map(AttemptFailure::code),
                state,
                next_attempt_at: next,
            },
        )
        .await
        .or_internal("recording an attempt")?;
        if let Some(failing_since) = failing {
            db::webhooks::set_failing(&mut tx, &d.endpoint_id, failing_since)
                .await
                .or_internal("marking an endpoint")?;
        }
    }
    tx.commit().await.or_internal("committing attempts")
}

/// The server's delivery job, until shutdown: keeps up to [`BATCH`] attempts in flight, takes
/// more as they finish (so one slow receiver holds one slot, not a round), and records finished
/// ones together. It looks for due deliveries at each wake (a change queued one on this
/// instance), whenever attempts finish, and every [`POLL`] (retries that came due, deliveries
/// queued by other instances).
pub async fn job(services: Services) {
    let sender = match Sender::new(services.config()) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            tracing::error!(error = ?e, "webhooks cannot be delivered: no HTTP client");
            return;
        }
    };
    let mut closing = services.closing();
    let mut in_flight = tokio::task::JoinSet::new();
    let mut eager = true;
    loop {
        let room = BATCH - i64::try_from(in_flight.len()).unwrap_or(BATCH);
        if room > 0 {
            match claim(&services, &sender, room, eager).await {
                Ok(due) => {
                    for d in due {
                        in_flight.spawn(attempt(services.clone(), sender.clone(), d));
                    }
                }
                Err(e) => tracing::error!(error = ?e, "taking webhook deliveries failed"),
            }
        }
        tokio::select! {
            Some(first) = in_flight.join_next(), if !in_flight.is_empty() => {
                let mut done: Vec<Outcome> = first.into_iter().collect();
                while let Some(next) = in_flight.try_join_next() {
                    done.extend(next);
                }
                if let Err(e) = record(&services, &done).await {
                    // The leases run out and the deliveries are tried again.
                    tracing::error!(error = ?e, "recording webhook attempts failed");
                }
                eager = false;
            }
            () = WAKE.notified() => eager = true,
            () = tokio::time::sleep(POLL) => eager = false,
            _ = closing.changed() => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_then_stops_at_six_hours() {
        assert_eq!(backoff_ms(1), 5_000);
        assert_eq!(backoff_ms(2), 15_000);
        assert_eq!(backoff_ms(3), 45_000);
        assert_eq!(backoff_ms(20), 6 * 3_600_000);
        // Attempts within 24 hours: the first and about a dozen retries.
        let mut at = 0;
        let mut attempts = 1;
        while at + backoff_ms(attempts) <= RETRY_FOR_MS {
            at += backoff_ms(attempts);
            attempts += 1;
        }
        assert!((10..=14).contains(&attempts), "{attempts}");
    }
}
