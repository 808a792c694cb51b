//! Server functions answer 500 for every error that happens before their body runs (arguments
//! that do not decode, a missing argument). Such an answer still carries our `AppError`, so its
//! status is put right here: bad input is a 4xx, whoever caught it.

use app::model::AppError;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::StatusCode;
use http_body_util::BodyExt;

/// Errors are small; anything larger is left as it is.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn fix(req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    if !is_api || res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match http_body_util::Limited::new(body, MAX_ERROR_BODY)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Response::from_parts(parts, Body::empty()),
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
