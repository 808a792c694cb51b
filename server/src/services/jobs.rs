//! The server's periodic jobs, run once per period across every instance on the database: each
//! instance ticks, and the one that claims the period (`db::jobs::claim`) does the work.

use super::Services;
use crate::db;
use std::{future::Future, time::Duration};

/// Runs `work` about every `every`, on one instance at a time: a tick that finds the period
/// already claimed (by another instance, or by this one a moment ago) does nothing. A claim
/// reaches a tenth of a period ahead, so that ticks that drift a little never skip a period.
pub async fn every<F, Fut>(services: Services, name: &'static str, every: Duration, work: F)
where
    F: Fn(Services) -> Fut,
    Fut: Future<Output = ()>,
{
    let mut tick = tokio::time::interval(every);
    let period = i64::try_from(every.as_millis()).unwrap_or(i64::MAX);
    loop {
        tick.tick().await;
        let now = services.now_ms();
        let next_at = now.saturating_add(period - period / 10);
        match db::jobs::claim(services.pool(), name, now, next_at).await {
            Ok(true) => work(services.clone()).await,
            Ok(false) => tracing::debug!(job = name, "another instance has this period"),
            Err(e) => tracing::error!(job = name, error = %e, "claiming a job's turn failed"),
        }
    }
}
