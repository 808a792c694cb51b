//! Request logging that never writes a secret: no query strings (they can carry form errors) and
//! no tokens in paths (invitation links are `/invite/<token>`).

use axum::extract::Request;
use tracing::Span;

pub fn redacted_path(path: &str) -> &str {
    if path.starts_with("/invite/") {
        "/invite/…"
    } else {
        path
    }
}

pub fn make_span(req: &Request) -> Span {
    tracing::info_span!("request", method = %req.method(), path = %redacted_path(req.uri().path()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn invitation_tokens_are_not_logged() {
        assert_eq!(super::redacted_path("/invite/abcdef"), "/invite/…");
        assert_eq!(super::redacted_path("/users"), "/users");
    }
}
