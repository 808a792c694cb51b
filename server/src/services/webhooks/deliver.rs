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
use app::model::{AppError, AttemptFailure};
use std::{sync::Arc, time::Duration};

/// Deliveries in flight at once (taken at once by a test's round): an attempt waiting on its
/// receiver costs a few kilobytes, not a thread.
const BATCH: i64 = 128;
/// Deliveries to one endpoint in flight at once, on all instances together: a receiver that
/// answers slowly holds this many places, and the others keep the rest. It also bounds one
/// endpoint's rate: this many over the receiver's answer time (32 / 30 ms ≈ 1,000 a second
/// under a burst on this machine's two cores).
pub const PER_ENDPOINT: i64 = 32;
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
    lease_until: i64,
    code: Option<u16>,
    failure: Option<AttemptFailure>,
}

/// Deliveries taken for this instance, with the lease they were taken under.
struct Taken {
    due: Vec<db::webhooks::Claimed>,
    lease_until: i64,
}

/// Takes up to `limit` due deliveries for this instance. `eager` claims without looking first
/// (after a wake: the emitting transaction may still be committing, and claiming waits for it).
async fn claim(
    services: &Services,
    sender: &Sender,
    limit: i64,
    eager: bool,
) -> Result<Taken, AppError> {
    if !eager
        && !db::webhooks::any_due(services.pool(), services.now_ms())
            .await
            .or_internal("looking for due deliveries")?
    {
        return Ok(Taken {
            due: Vec::new(),
            lease_until: 0,
        });
    }
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting to take deliveries")?;
    let now = services.now_ms();
    let lease_until = now + sender.lease_ms;
    let due = db::webhooks::claim(&mut tx, now, lease_until, limit, PER_ENDPOINT)
        .await
        .or_internal("taking due deliveries")?;
    tx.commit()
        .await
        .or_internal("committing the taken deliveries")?;
    Ok(Taken { due, lease_until })
}

async fn attempt(
    services: Services,
    sender: Arc<Sender>,
    d: db::webhooks::Claimed,
    lease_until: i64,
) -> Outcome {
    let (code, failure) = sender.attempt(&d, services.now_ms()).await;
    Outcome {
        delivery: d,
        lease_until,
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
    let Taken { due, lease_until } = claim(services, sender, BATCH, eager).await?;
    let n = due.len();
    let outcomes = futures_util::future::join_all(
        due.into_iter()
            .map(|d| attempt(services.clone(), sender.clone(), d, lease_until)),
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
        // Attempts since the last redelivery (or since it was queued): the backoff starts anew.
        let failed = d.attempts + 1 - d.attempts_before;
        let (state, next, failing) = match o.failure {
            None => ("delivered", None, Some(None)),
            Some(_) => {
                let next = now + backoff_ms(failed);
                if next > d.retry_until {
                    ("failed", None, Some(Some(now)))
                } else {
                    ("pending", Some(next), None)
                }
            }
        };
        let ours = db::webhooks::record_attempt(
            &mut tx,
            &db::webhooks::Attempt {
                id: &d.id,
                at: now,
                response_code: o.code.map(i64::from),
                failure: o.failure.map(AttemptFailure::code),
                state,
                next_attempt_at: next,
                lease_until: o.lease_until,
            },
        )
        .await
        .or_internal("recording an attempt")?;
        if let (true, Some(failing_since)) = (ours, failing) {
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
/// queued by other instances). At shutdown it gives back what it was sending, unrecorded, so
/// that another instance (or the next start) sends it at once rather than when its lease ends.
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
    // What is in flight, by lease: given back at shutdown.
    let mut sending: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    let mut eager = true;
    loop {
        let room = BATCH - i64::try_from(in_flight.len()).unwrap_or(BATCH);
        // Closing while recording or claiming: take nothing more (the select below stops).
        if room > 0 && !*closing.borrow() {
            match claim(&services, &sender, room, eager).await {
                Ok(Taken { due, lease_until }) => {
                    for d in due {
                        sending.insert(d.id.clone(), lease_until);
                        in_flight.spawn(attempt(services.clone(), sender.clone(), d, lease_until));
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
                for o in &done {
                    sending.remove(&o.delivery.id);
                }
                if let Err(e) = record(&services, &done).await {
                    // The leases run out and the deliveries are tried again.
                    tracing::error!(error = ?e, "recording webhook attempts failed");
                }
                eager = false;
            }
            () = WAKE.notified() => eager = true,
            () = tokio::time::sleep(POLL) => eager = false,
            _ = closing.changed() => {
                stop(&services, in_flight, sending).await;
                return;
            }
        }
    }
}

/// At shutdown: records the attempts that finished (a receiver that answered 2xx must not get
/// it again), stops the others and gives their deliveries back.
async fn stop(
    services: &Services,
    mut in_flight: tokio::task::JoinSet<Outcome>,
    mut sending: std::collections::HashMap<String, i64>,
) {
    in_flight.abort_all();
    let mut done = Vec::new();
    while let Some(joined) = in_flight.join_next().await {
        // An attempt stopped mid-way is `Err` (cancelled).
        if let Ok(outcome) = joined {
            sending.remove(&outcome.delivery.id);
            done.push(outcome);
        }
    }
    if let Err(e) = record(services, &done).await {
        tracing::warn!(error = ?e, "recording webhook attempts at shutdown failed");
    }
    if let Err(e) = release(services, &sending).await {
        tracing::warn!(error = ?e, "giving back webhook deliveries failed: their leases run out");
    }
}

/// Gives back deliveries taken but not recorded.
async fn release(
    services: &Services,
    sending: &std::collections::HashMap<String, i64>,
) -> Result<(), AppError> {
    if sending.is_empty() {
        return Ok(());
    }
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting to give deliveries back")?;
    for (id, lease) in sending {
        db::webhooks::release(&mut tx, id, *lease)
            .await
            .or_internal("giving deliveries back")?;
    }
    tx.commit()
        .await
        .or_internal("committing the deliveries given back")
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::model::webhook::RETRY_FOR_MS;

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
