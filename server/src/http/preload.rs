//! Leptos 0.8's `HydrationScripts` writes the CSP nonce into the `crossorigin` attribute of its
//! two preload links (`crossorigin="<nonce>"`: an invalid value, which browsers read as
//! `anonymous`, and which HTML validators reject). Fixed upstream after 0.8.23, the newest 0.8
//! release; until then the page's head is mended on its way out: `crossorigin=""` (the same
//! `anonymous`, spelled validly). Only the head is looked at, so the cost is a scan of its few
//! kilobytes; delete this module once Leptos writes the attribute itself.

use axum::{
    body::{Body, Bytes},
    response::Response,
};

use http::header;
use http_body_util::BodyExt;

/// Mends an HTML response's head; any other response passes untouched.
pub fn mend(res: Response, nonce: &str) -> Response {
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !html {
        return res;
    }
    let wrong = format!("crossorigin=\"{nonce}\"").into_bytes();
    let mut in_head = true;
    res.map(|body| {
        Body::new(body.map_frame(move |frame| {
            frame.map_data(|data| {
                if !in_head {
                    return data;
                }
                in_head = !contains(&data, b"</head>");
                replace_all(data, &wrong, b"crossorigin=\"\"")
            })
        }))
    })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// `data` with every `from` replaced by `to` (the same bytes when there is none).
fn replace_all(data: Bytes, from: &[u8], to: &[u8]) -> Bytes {
    if from.is_empty() || !contains(&data, from) {
        return data;
    }
    let mut out = Vec::with_capacity(data.len());
    let mut rest: &[u8] = &data;
    while let Some(at) = rest.windows(from.len()).position(|w| w == from) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(to);
        rest = &rest[at + from.len()..];
    }
    out.extend_from_slice(rest);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nonce_attribute_is_replaced_and_nothing_else() {
        let head = Bytes::from_static(
            b"<link crossorigin=\"abc\"/><link crossorigin=\"abc\"/><script nonce=\"abc\">",
        );
        assert_eq!(
            replace_all(head, b"crossorigin=\"abc\"", b"crossorigin=\"\""),
            Bytes::from_static(
                b"<link crossorigin=\"\"/><link crossorigin=\"\"/><script nonce=\"abc\">"
            )
        );
        let other = Bytes::from_static(b"<p>crossorigin</p>");
        assert_eq!(
            replace_all(other.clone(), b"crossorigin=\"abc\"", b"crossorigin=\"\""),
            other
        );
    }
}
