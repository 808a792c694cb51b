//! Requests that may write run to their answer even when their client goes away.
//!
//! hyper drops a request's future when its connection closes. A write dropped between two of
//! its awaits used to leave a pooled connection inside `BEGIN IMMEDIATE`, holding SQLite's write
//! lock until a restart; and a sign-in dropped after its attempt was counted, before the
//! success took it back, counted against the account. Here every request that is not a plain
//! read (anything but GET, HEAD and OPTIONS: server functions and form posts) runs in a task of
//! its own, which finishes whether or not anyone waits for its answer.

use axum::{extract::Request, middleware::Next, response::Response};
use http::{Method, StatusCode};
use tracing::Instrument;

pub async fn writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let task = tokio::spawn(next.run(req).instrument(tracing::Span::current()));
    match task.await {
        Ok(res) => res,
        Err(e) => {
            // A panic in the handler: the same answer the server gives any fault.
            tracing::error!(error = %e, "a request's task ended without an answer");
            let mut res = Response::new(axum::body::Body::empty());
            *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            res
        }
    }
}
