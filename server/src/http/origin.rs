//! Refuses cross-site writes: a state-changing request from a browser must come from this site.
//! Browsers send `Sec-Fetch-Site` (and `Origin`) on posts; a request with neither is not from a
//! browser page and carries no ambient credentials worth forging.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{Method, StatusCode};
use std::sync::Arc;

/// The origin this instance is reached at (scheme://host[:port]).
#[derive(Clone)]
pub struct Expected(pub Arc<str>);

pub fn allowed(
    method: &Method,
    sec_fetch_site: Option<&str>,
    origin: Option<&str>,
    host: Option<&str>,
    expected: &str,
) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    match sec_fetch_site {
        Some("same-origin" | "none") => true,
        Some(_) => false,
        None => match origin {
            None => true,
            Some("null") => false,
            Some(o) => {
                o == expected
                    || host
                        .is_some_and(|h| o == format!("http://{h}") || o == format!("https://{h}"))
            }
        },
    }
}

pub async fn check(State(expected): State<Expected>, req: Request, next: Next) -> Response {
    let h = req.headers();
    let get = |name: &str| h.get(name).and_then(|v| v.to_str().ok());
    if allowed(
        req.method(),
        get("sec-fetch-site"),
        get("origin"),
        get("host"),
        &expected.0,
    ) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), "cross-origin request refused");
        (StatusCode::FORBIDDEN, "Cross-origin requests are refused.").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const E: &str = "https://portal.example.com";

    #[test]
    fn reads_pass_writes_need_same_origin() {
        assert!(allowed(
            &Method::GET,
            Some("cross-site"),
            Some("https://evil.example"),
            None,
            E
        ));
        assert!(allowed(
            &Method::POST,
            Some("same-origin"),
            Some("null"),
            None,
            E
        ));
        assert!(!allowed(&Method::POST, Some("cross-site"), None, None, E));
        assert!(!allowed(&Method::POST, Some("same-site"), None, None, E));
        assert!(allowed(&Method::POST, None, Some(E), None, E));
        assert!(allowed(
            &Method::POST,
            None,
            Some("http://127.0.0.1:3100"),
            Some("127.0.0.1:3100"),
            E
        ));
        assert!(!allowed(
            &Method::POST,
            None,
            Some("https://evil.example"),
            Some("portal.example.com"),
            E
        ));
        assert!(!allowed(&Method::POST, None, Some("null"), None, E));
        assert!(
            allowed(&Method::POST, None, None, None, E),
            "non-browser clients"
        );
    }
}
