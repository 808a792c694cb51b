//! Calls per API token per minute (`TIERLINK_API_MAX_PER_MINUTE`), then 429 with `Retry-After`.
//! Counted in memory, per instance: a count in the database would make every call a write, and
//! every call would then wait for the one write lock. With several instances behind a load
//! balancer a token may make up to that many calls per minute on each.

use super::problem::Problem;
use crate::services::Services;
use app::{api::RequestCtx, model::AppError};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, header};
use std::{collections::HashMap, sync::Mutex};

const WINDOW_MS: i64 = 60_000;
/// Tokens remembered before the old windows are dropped.
const PRUNE_AT: usize = 10_000;

/// Each token's current minute: when it began and the calls in it.
#[derive(Default)]
pub struct Counts(Mutex<HashMap<String, (i64, u32)>>);

impl Counts {
    /// Counts a call at `now`; `Err(seconds)` to wait when over `max`.
    pub fn count(&self, token: &str, now: i64, max: u32) -> Result<(), i64> {
        let Ok(mut map) = self.0.lock() else {
            return Ok(());
        };
        if map.len() >= PRUNE_AT {
            map.retain(|_, (start, _)| now - *start < WINDOW_MS);
        }
        let entry = map.entry(token.to_owned()).or_insert((now, 0));
        if now - entry.0 >= WINDOW_MS {
            *entry = (now, 0);
        }
        if entry.1 >= max {
            return Err(((entry.0 + WINDOW_MS - now) / 1000).max(1));
        }
        entry.1 += 1;
        Ok(())
    }
}

pub async fn limit(
    State((services, counts)): State<(Services, std::sync::Arc<Counts>)>,
    req: Request,
    next: Next,
) -> Response {
    let ctx = req.extensions().get::<RequestCtx>();
    let token = ctx
        .and_then(|c| c.actor.as_ref())
        .and_then(|a| a.api_token.clone());
    let locale = ctx.map(|c| c.locale).unwrap_or_default();
    if let Some(token) = token
        && let Err(wait) = counts.count(
            &token,
            services.now_ms(),
            services.config().api_max_per_minute,
        )
    {
        let mut res = Problem::of(&AppError::Throttled, locale).into_response();
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minute_per_token() {
        let c = Counts::default();
        assert_eq!(c.count("a", 0, 2), Ok(()));
        assert_eq!(c.count("a", 1_000, 2), Ok(()));
        assert_eq!(c.count("a", 20_000, 2), Err(40));
        assert_eq!(c.count("b", 20_000, 2), Ok(()), "each token its own");
        assert_eq!(c.count("a", 59_999, 2), Err(1));
        assert_eq!(c.count("a", 60_000, 2), Ok(()), "a new minute");
    }
}
