//! `Idempotency-Key` on every POST: a request retried with the same key (by the same
//! organization, within 24 hours) gets the first answer back, marked `Idempotent-Replayed:
//! true`, instead of acting twice; the same key with a different request is refused (422), and a
//! retry while the first is still running is told to wait (409). Keys are claimed in the
//! database, so this holds across instances.
//!
//! Limit: the claim, the call and the kept answer are three transactions. A server that dies
//! between the call's commit and keeping its answer leaves the key claimed without an answer;
//! after [`ABANDONED_MS`] a retry runs the call again (a crash may then act twice, the same as
//! with no key).

use super::problem::Problem;
use crate::{db, services::Services, services::fault};
use app::{
    api::RequestCtx,
    model::{AppError, OrgId},
};
use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderValue, Method, StatusCode, header};
use sha2::{Digest, Sha256};

pub const HEADER: &str = "idempotency-key";
/// How long a key's first answer is kept.
pub const KEEP_MS: i64 = 24 * 3600 * 1000;
/// A claim this old without an answer belongs to a request that will never finish.
pub const ABANDONED_MS: i64 = 60_000;
/// Answers larger than this are not kept (none of the API's are near it).
const MAX_KEPT_BYTES: usize = 1 << 20;

/// A key as clients make them: 1 to 255 visible ASCII characters (a UUID, usually).
fn valid_key(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

fn problem(status: StatusCode, code: &str, detail: &str) -> Response {
    Problem::new(status, code, detail.to_owned()).into_response()
}

pub async fn keep(State(services): State<Services>, req: Request, next: Next) -> Response {
    if req.method() != Method::POST {
        return next.run(req).await;
    }
    let Some(key) = req.headers().get(HEADER).cloned() else {
        return next.run(req).await;
    };
    let Some(key) = key
        .to_str()
        .ok()
        .filter(|k| valid_key(k))
        .map(str::to_owned)
    else {
        return problem(
            StatusCode::BAD_REQUEST,
            "idempotency_key_format",
            "Idempotency-Key takes 1 to 255 visible ASCII characters, such as a UUID.",
        );
    };
    let ctx = req.extensions().get::<RequestCtx>().cloned();
    let Some(org) = ctx.and_then(|c| c.actor).map(|a| a.org_id) else {
        return Problem::of(&AppError::Internal, Default::default()).into_response();
    };
    // The body was read whole by `http::body` already: hashing it costs no extra wait.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, crate::MAX_BODY_BYTES).await else {
        return problem(
            StatusCode::BAD_REQUEST,
            "bad_request",
            "The body could not be read.",
        );
    };
    let mut hash = Sha256::new();
    hash.update(parts.uri.path().as_bytes());
    hash.update([0]);
    hash.update(&bytes);
    let request_hash: String = hash.finalize().iter().map(|b| format!("{b:02x}")).collect();

    match claim(&services, org, &key, &request_hash).await {
        Ok(Claimed::New) => {}
        Ok(Claimed::Answered(res)) => return res,
        Ok(Claimed::Refused(res)) => return res,
        Err(e) => {
            let err = if fault::is_unavailable(&e) {
                AppError::Unavailable
            } else {
                tracing::error!(error = %e, "claiming an idempotency key failed");
                AppError::Internal
            };
            return Problem::of(&err, Default::default()).into_response();
        }
    }

    let res = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = res.status();
    // A fault or a refusal to serve now: the call may be tried again with the same key.
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        if let Err(e) = db::idempotency::release(services.pool(), org, &key).await {
            tracing::warn!(error = %e, "releasing an idempotency key failed");
        }
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_KEPT_BYTES).await else {
        tracing::error!("an API answer too large to keep for its idempotency key");
        return Problem::of(&AppError::Internal, Default::default()).into_response();
    };
    let text = String::from_utf8_lossy(&bytes);
    let location = parts
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok());
    if let Err(e) = db::idempotency::answer(
        services.pool(),
        org,
        &key,
        i64::from(status.as_u16()),
        &text,
        location,
    )
    .await
    {
        // The call happened; only its replay is lost (a retry will wait, then run again).
        tracing::warn!(error = %e, "keeping an idempotency key's answer failed");
    }
    Response::from_parts(parts, Body::from(bytes))
}

enum Claimed {
    New,
    Answered(Response),
    Refused(Response),
}

async fn claim(
    services: &Services,
    org: OrgId,
    key: &str,
    request_hash: &str,
) -> Result<Claimed, sqlx::Error> {
    let now = services.now_ms();
    let mut tx = db::begin_write(services.pool()).await?;
    db::idempotency::forget_older(&mut tx, org, now - KEEP_MS).await?;
    if let Some(found) = db::idempotency::find(&mut tx, org, key).await? {
        if found.request_hash != request_hash {
            return Ok(Claimed::Refused(problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for a different request; use a new key.",
            )));
        }
        match (found.status, found.response) {
            (Some(status), Some(body)) => {
                return Ok(Claimed::Answered(replay(status, body, found.location)));
            }
            _ if now - found.created_at < ABANDONED_MS => {
                let mut res = problem(
                    StatusCode::CONFLICT,
                    "idempotency_in_progress",
                    "A request with this Idempotency-Key is still running; try again shortly.",
                );
                res.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                return Ok(Claimed::Refused(res));
            }
            // Abandoned: claimed anew below.
            _ => db::idempotency::release(&mut tx, org, key).await?,
        }
    }
    db::idempotency::claim(&mut tx, org, key, request_hash, now).await?;
    tx.commit().await?;
    Ok(Claimed::New)
}

fn body_is_empty(status: StatusCode) -> bool {
    status == StatusCode::NO_CONTENT
}

/// The first answer again.
fn replay(status: i64, body: String, location: Option<String>) -> Response {
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut res = (status, body).into_response();
    let headers = res.headers_mut();
    if !body_is_empty(status) {
        let kind = if status.is_success() {
            "application/json"
        } else {
            "application/problem+json"
        };
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    }
    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    if let Some(v) = location.and_then(|l| HeaderValue::from_str(&l).ok()) {
        headers.insert(header::LOCATION, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_visible_ascii() {
        assert!(valid_key("0b4f6a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"));
        assert!(!valid_key(""));
        assert!(!valid_key("with space"));
        assert!(!valid_key(&"k".repeat(256)));
        assert!(!valid_key("ключ"));
    }
}
