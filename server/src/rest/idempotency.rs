//! `Idempotency-Key` on every POST: a request retried with the same key (by the same API token,
//! within 24 hours) gets the first answer back, marked `Idempotent-Replayed: true`, instead of
//! acting twice; the same key with a different request is refused (422), and a retry while the
//! first is still running is told to wait (409). Keys are claimed in the database, so this holds
//! across instances. An answer that carries a one-time secret (a new link, a temporary
//! password: see [`OneTime`]) is not kept: its replay is a 409 that says the call succeeded and
//! where its result is (`Location`), so the secret is never stored.
//!
//! Limit: the claim, the call and the kept answer are three transactions. A server that dies
//! between the call's commit and keeping its answer leaves the key claimed without an answer;
//! after [`ABANDONED_MS`] a retry runs the call again (a crash may then act twice, the same as
//! with no key). A request still running when its claim is taken over cannot answer for the new
//! claim (claims are named by their time).

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
use db::idempotency::Holder;
use http::{HeaderValue, Method, StatusCode, header};
use sha2::{Digest, Sha256};

pub const HEADER: &str = "idempotency-key";
/// How long a key's first answer is kept.
pub const KEEP_MS: i64 = 24 * 3600 * 1000;
/// A claim this old without an answer belongs to a request that will never finish (a request
/// is bounded by the body deadline, the write lock's wait and the handler: well under this).
pub const ABANDONED_MS: i64 = 5 * 60_000;
/// Answers larger than this are not kept (none of the API's are near it).
const MAX_KEPT_BYTES: usize = 1 << 20;

/// An answer holding a one-time secret: sent once, never kept for a replay.
pub struct OneTime<R>(pub R);

#[derive(Clone, Copy)]
struct SecretInside;

impl<R: IntoResponse> IntoResponse for OneTime<R> {
    fn into_response(self) -> Response {
        let mut res = self.0.into_response();
        res.extensions_mut().insert(SecretInside);
        res
    }
}

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
    let actor = req
        .extensions()
        .get::<RequestCtx>()
        .and_then(|c| c.actor.clone());
    let Some((org, token_id)) = actor.and_then(|a| Some((a.org_id, a.api_token?))) else {
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

    let holder = Holder {
        token_id: &token_id,
        key: &key,
        created_at: services.now_ms(),
    };
    match claim(&services, &holder, org, &request_hash).await {
        Ok(None) => {}
        Ok(Some(res)) => return res,
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
        if let Err(e) = db::idempotency::release(services.pool(), &holder).await {
            tracing::warn!(error = %e, "releasing an idempotency key failed");
        }
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_KEPT_BYTES).await else {
        tracing::error!("an API answer too large to keep for its idempotency key");
        return Problem::of(&AppError::Internal, Default::default()).into_response();
    };
    let header_text = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let location = header_text(header::LOCATION);
    let kept = if parts.extensions.get::<SecretInside>().is_some() {
        // Kept instead: that it succeeded, and where.
        let p = Problem::new(
            StatusCode::CONFLICT,
            "secret_shown_once",
            format!(
                "A request with this Idempotency-Key succeeded ({}); its answer held a secret \
                 shown once, which is not kept.{}",
                status.as_u16(),
                location
                    .map(|l| format!(" Its result: {l}"))
                    .unwrap_or_default()
            ),
        );
        db::idempotency::Answer {
            status: 409,
            response: &serde_json::to_string(&p).unwrap_or_default(),
            content_type: Some("application/problem+json"),
            location,
        }
        .store(&services, &holder)
        .await
    } else {
        db::idempotency::Answer {
            status: i64::from(status.as_u16()),
            response: &String::from_utf8_lossy(&bytes),
            content_type: header_text(header::CONTENT_TYPE),
            location,
        }
        .store(&services, &holder)
        .await
    };
    if let Err(e) = kept {
        // The call happened; only its replay is lost (a retry will wait, then run again).
        tracing::warn!(error = %e, "keeping an idempotency key's answer failed");
    }
    Response::from_parts(parts, Body::from(bytes))
}

impl db::idempotency::Answer<'_> {
    async fn store(&self, services: &Services, holder: &Holder<'_>) -> Result<(), sqlx::Error> {
        db::idempotency::answer(services.pool(), holder, self).await
    }
}

/// Claims the key, or the answer to give instead of running the call.
async fn claim(
    services: &Services,
    holder: &Holder<'_>,
    org: OrgId,
    request_hash: &str,
) -> Result<Option<Response>, sqlx::Error> {
    let now = holder.created_at;
    let mut tx = db::begin_write(services.pool()).await?;
    let found = db::idempotency::find(&mut tx, holder.token_id, holder.key).await?;
    if let Some(found) = found.filter(|f| now - f.created_at < KEEP_MS) {
        if found.request_hash != request_hash {
            return Ok(Some(problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "idempotency_key_reused",
                "This Idempotency-Key was used for a different request; use a new key.",
            )));
        }
        match (found.status, found.response) {
            (Some(status), Some(body)) => {
                return Ok(Some(replay(
                    status,
                    body,
                    found.content_type,
                    found.location,
                )));
            }
            _ if now - found.created_at < ABANDONED_MS => {
                let mut res = problem(
                    StatusCode::CONFLICT,
                    "idempotency_in_progress",
                    "A request with this Idempotency-Key is still running; try again shortly.",
                );
                res.headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                return Ok(Some(res));
            }
            // Abandoned: claimed anew below.
            _ => {}
        }
    }
    // Expired or abandoned claims of this key go; the rest are swept hourly.
    db::idempotency::forget(&mut tx, holder.token_id, holder.key).await?;
    db::idempotency::claim(&mut tx, holder, org, request_hash).await?;
    tx.commit().await?;
    Ok(None)
}

/// The first answer again.
fn replay(
    status: i64,
    body: String,
    content_type: Option<String>,
    location: Option<String>,
) -> Response {
    let status = u16::try_from(status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::OK);
    let mut res = (status, body).into_response();
    let headers = res.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    if let Some(v) = content_type.and_then(|t| HeaderValue::from_str(&t).ok()) {
        headers.insert(header::CONTENT_TYPE, v);
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
