//! A sliding-window limit per key, stored in the database (so it holds across restarts and,
//! later, across instances).

use super::{Services, fault::OrInternal};
use crate::db;
use app::model::AppError;

/// Counts this attempt under `key`, and refuses it when `max` attempts were already made within
/// `window_ms`.
pub async fn hit(services: &Services, key: &str, max: u32, window_ms: i64) -> Result<(), AppError> {
    let now = services.now_ms();
    // Count and record in one write transaction, so that parallel requests cannot all pass.
    let mut tx = db::begin_write(services.pool())
        .await
        .or_internal("starting a rate check")?;
    let n = db::rate::count_since(&mut *tx, key, now - window_ms)
        .await
        .or_internal("counting rate events")?;
    if n >= i64::from(max) {
        return Err(AppError::Throttled);
    }
    db::rate::record(&mut *tx, key, now)
        .await
        .or_internal("recording a rate event")?;
    db::rate::prune(&mut *tx, now - window_ms)
        .await
        .or_internal("pruning rate events")?;
    tx.commit().await.or_internal("committing a rate event")
}
