//! Sliding-window limits per key, stored in the database (so they hold across restarts and,
//! later, across instances). One mechanism for sign-in attempts and answers to invitations.

use super::{Services, fault::OrInternal};
use crate::db;
use app::{
    api::RequestCtx,
    model::{Actor, AppError},
};

pub const MINUTE_MS: i64 = 60_000;
pub const HOUR_MS: i64 = 3_600_000;

/// Events are kept this long (longer than any window): pruning by the window of the call at
/// hand would delete the events a longer window still counts (a one-minute limit used to wipe
/// the fifteen minutes of failed sign-ins an account is judged on).
const KEEP_MS: i64 = 24 * 3600 * 1000;

/// Counts this attempt under each `(key, max)` and refuses it when any key already has `max`
/// attempts within `window_ms`. Counting and recording happen in one write transaction, so
/// parallel requests cannot all pass the count. Returns the time recorded (see [`forget`]).
pub async fn hit(
    services: &Services,
    limits: &[(&str, u32)],
    window_ms: i64,
) -> Result<i64, AppError> {
    let now = services.now_ms();
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting a rate check")?;
    count_and_record(&mut tx, limits, now, window_ms).await?;
    tx.commit().await.or_internal("committing a rate event")?;
    Ok(now)
}

/// Inside a write transaction: refuses when any key already has `max` events within the
/// window, else records one for each key (and prunes old events).
async fn count_and_record(
    tx: &mut db::Tx,
    limits: &[(&str, u32)],
    now: i64,
    window_ms: i64,
) -> Result<(), AppError> {
    let since = now.saturating_sub(window_ms);
    for (key, max) in limits {
        let n = db::rate::count_since(&mut *tx, key, since)
            .await
            .or_internal("counting rate events")?;
        if n >= i64::from(*max) {
            return Err(AppError::Throttled);
        }
    }
    for (key, _) in limits {
        db::rate::record(&mut *tx, key, now)
            .await
            .or_internal("recording a rate event")?;
    }
    db::rate::prune(&mut *tx, now.saturating_sub(window_ms.max(KEEP_MS)))
        .await
        .or_internal("pruning rate events")?;
    Ok(())
}

/// An attempt counted with the write it leads to, so that a successful attempt costs one
/// durable commit instead of two (its event and its effect). The guarantee of [`hit`] holds:
/// every attempt is counted, and one beyond the limit learns nothing but `Throttled`.
///
/// - [`Attempt::precheck`] refuses early a client already at the limit (a read, no lock);
/// - [`Attempt::begin_write`] opens the write transaction with the event recorded in it (and
///   refuses there if parallel attempts reached the limit first), for the caller to commit with
///   its effect;
/// - [`Attempt::settle`] takes the outcome: a success was counted by its commit; a failure
///   (before the write, or rolled back with it) is counted alone, as [`hit`] does, and answered
///   `Throttled` instead if that count refuses it.
pub struct Attempt<'a> {
    services: &'a Services,
    key: String,
    max: u32,
    window_ms: i64,
}

impl<'a> Attempt<'a> {
    /// An attempt from this request's client address under `what` (see [`per_client`]).
    pub fn per_client(
        services: &'a Services,
        ctx: &RequestCtx,
        what: &str,
        max: u32,
        window_ms: i64,
    ) -> Self {
        Self {
            services,
            key: client_key(ctx, what),
            max,
            window_ms,
        }
    }

    pub async fn precheck(&self) -> Result<(), AppError> {
        let since = self.services.now_ms().saturating_sub(self.window_ms);
        let n = db::rate::count_since(self.services.pool(), &self.key, since)
            .await
            .or_internal("counting rate events")?;
        if n >= i64::from(self.max) {
            return Err(AppError::Throttled);
        }
        Ok(())
    }

    /// The write transaction, with this attempt counted and recorded in it.
    pub async fn begin_write(&self) -> Result<db::Tx, AppError> {
        let now = self.services.now_ms();
        let mut tx = db::begin_write(self.services.pool())
            .await
            .or_internal("starting a write")?;
        count_and_record(
            &mut tx,
            &[(self.key.as_str(), self.max)],
            now,
            self.window_ms,
        )
        .await?;
        Ok(tx)
    }

    pub async fn settle<T>(self, outcome: Result<T, AppError>) -> Result<T, AppError> {
        match outcome {
            Ok(done) => Ok(done),
            Err(e) => {
                hit(
                    self.services,
                    &[(self.key.as_str(), self.max)],
                    self.window_ms,
                )
                .await?;
                Err(e)
            }
        }
    }
}

/// A write transaction: with the attempt counted in it when there is one (an answer through a
/// link), plain otherwise (the same answer given from a signed-in page).
pub async fn begin_write(
    services: &Services,
    attempt: Option<&Attempt<'_>>,
) -> Result<db::Tx, AppError> {
    match attempt {
        Some(a) => a.begin_write().await,
        None => db::begin_write(services.pool())
            .await
            .or_internal("starting a write"),
    }
}

fn client_key(ctx: &RequestCtx, what: &str) -> String {
    let client = ctx
        .client
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    format!("{what}:{client}")
}

/// Counts a call from this request's client address under `what`, refused beyond `max` per
/// `window_ms`: what people may do without an account (enroll, answer or use a link) is
/// throttled per address.
pub async fn per_client(
    services: &Services,
    ctx: &RequestCtx,
    what: &str,
    max: u32,
    window_ms: i64,
) -> Result<(), AppError> {
    let key = client_key(ctx, what);
    hit(services, &[(key.as_str(), max)], window_ms).await?;
    Ok(())
}

/// Counts a call of the actor's organization under `what`, refused beyond `max` an hour.
pub async fn per_org(
    services: &Services,
    actor: &Actor,
    what: &str,
    max: u32,
) -> Result<(), AppError> {
    let key = format!("{what}:{}", actor.org_id);
    hit(services, &[(key.as_str(), max)], HOUR_MS).await?;
    Ok(())
}
