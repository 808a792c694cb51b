//! Request bodies arrive within a deadline, or the request is refused (408) before anything
//! else runs: a client that sends headers and then trickles (or never sends) its body no longer
//! holds a request, and with it graceful shutdown, open. Bodies here are small forms
//! ([`crate::MAX_BODY_BYTES`]), so reading them whole up front costs nothing extra.

use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{Method, StatusCode};
use std::time::Duration;

pub async fn read_within(State(limit): State<Duration>, req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    match tokio::time::timeout(limit, axum::body::to_bytes(body, crate::MAX_BODY_BYTES)).await {
        Ok(Ok(bytes)) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Ok(Err(e)) => {
            // The limit's error may sit several causes deep (our limit's, or the outer
            // `RequestBodyLimitLayer`'s body's, inside axum's).
            let too_large = std::iter::successors(std::error::Error::source(&e), |s| s.source())
                .any(|s| s.is::<http_body_util::LengthLimitError>());
            if too_large {
                StatusCode::PAYLOAD_TOO_LARGE.into_response()
            } else {
                tracing::debug!(error = %e, "request body unreadable");
                StatusCode::BAD_REQUEST.into_response()
            }
        }
        Err(_) => StatusCode::REQUEST_TIMEOUT.into_response(),
    }
}
