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
    let since = now.saturating_sub(window_ms);
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting a rate check")?;
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
    tx.commit().await.or_internal("committing a rate event")?;
    Ok(now)
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
    let client = ctx
        .client
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    let key = format!("{what}:{client}");
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
