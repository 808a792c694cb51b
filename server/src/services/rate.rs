//! Sliding-window limits per key, stored in the database (so they hold across restarts and,
//! later, across instances). One mechanism for sign-in attempts and answers to invitations.

use super::{Services, fault::OrInternal};
use crate::db;
use app::model::AppError;

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
    db::rate::prune(&mut *tx, since)
        .await
        .or_internal("pruning rate events")?;
    tx.commit().await.or_internal("committing a rate event")?;
    Ok(now)
}
