//! The public API (`/api/v1`) and its tokens: made on the API tokens page, used as a script
//! would (JSON, `Authorization: Bearer`), refused as RFC 9457 problems.

mod calls;
mod idempotency;
mod tokens;

use crate::common::{TestApp, form};
use app::model::NewApiToken;
use axum::body::Body;
use http::{Request, StatusCode, header};

use crate::common::Reply;

/// Makes a token on the API tokens page as `cookie`'s Global admin: the answer.
pub async fn try_token(
    app: &TestApp,
    cookie: &str,
    name: &str,
    roles: &[&str],
    days: &str,
) -> Reply {
    let keys: Vec<String> = roles.iter().map(|r| format!("roles[{r}]")).collect();
    let mut pairs = vec![("name", name), ("days", days)];
    for k in &keys {
        pairs.push((k.as_str(), "on"));
    }
    app.call("create_api_token", &form(&pairs), Some(cookie))
        .await
}

/// A new token's secret.
pub async fn token(app: &TestApp, cookie: &str, name: &str, roles: &[&str]) -> String {
    let r = try_token(app, cookie, name, roles, "").await;
    assert_eq!(r.status, StatusCode::OK, "create_api_token: {}", r.body);
    r.decode::<NewApiToken>().secret
}

/// Calls the API as a script: `method path` with the secret and an optional JSON body.
pub async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    secret: Option<&str>,
    body: Option<&str>,
) -> Reply {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::ACCEPT, "application/json");
    if let Some(s) = secret {
        req = req.header(header::AUTHORIZATION, format!("Bearer {s}"));
    }
    if body.is_some() {
        req = req.header(header::CONTENT_TYPE, "application/json");
    }
    let body = body.map(|b| Body::from(b.to_owned())).unwrap_or_default();
    app.send(req.body(body).expect("request")).await
}

/// A problem document's status and code, checking its media type.
pub fn problem(r: &Reply) -> (StatusCode, String) {
    assert_eq!(
        r.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json"),
        "not a problem document: {} {}",
        r.status,
        r.body
    );
    let code = r.json()["code"].as_str().unwrap_or_default().to_owned();
    (r.status, code)
}
