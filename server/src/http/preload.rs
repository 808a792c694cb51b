//! Leptos 0.8's `HydrationScripts` writes the CSP nonce into the `crossorigin` attribute of its
//! two preload links (`crossorigin="<nonce>"`: an invalid value, which browsers read as
//! `anonymous`, and which HTML validators reject). Fixed upstream after 0.8.23, the newest 0.8
//! release; until then the page's head is mended on its way out: `crossorigin=""` (the same
//! `anonymous`, spelled validly). Only the head is searched, with memchr's SIMD `memmem` (a
//! byte-by-byte scan of a whole page cost ~190,000 instructions, 14% of Home). Delete this
//! module once Leptos writes the attribute itself.

use axum::{
    body::{Body, Bytes},
    response::Response,
};

use http::header;
use http_body_util::BodyExt;
use memchr::memmem;

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
                // The whole page often comes as one chunk: only its head is searched.
                let head = memmem::find(&data, b"</head>");
                in_head = head.is_none();
                let upto = head.unwrap_or(data.len());
                replace_before(data, upto, &wrong, b"crossorigin=\"\"")
            })
        }))
    })
}

/// `data` with every `from` that ends before `upto` replaced by `to` (the same bytes when there
/// is none).
fn replace_before(data: Bytes, upto: usize, from: &[u8], to: &[u8]) -> Bytes {
    let Some(searched) = data.get(..upto) else {
        return data;
    };
    let hits: Vec<usize> = memmem::find_iter(searched, from).collect();
    if hits.is_empty() {
        return data;
    }
    let mut out = Vec::with_capacity(data.len());
    let mut last = 0;
    for at in hits {
        out.extend_from_slice(&data[last..at]);
        out.extend_from_slice(to);
        last = at + from.len();
    }
    out.extend_from_slice(&data[last..]);
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nonce_attribute_is_replaced_and_nothing_else() {
        let page = Bytes::from_static(
            b"<link crossorigin=\"abc\"/><link crossorigin=\"abc\"/><script nonce=\"abc\"></head><p>crossorigin=\"abc\"</p>",
        );
        let head = page.len() - 27;
        assert_eq!(
            replace_before(page, head, b"crossorigin=\"abc\"", b"crossorigin=\"\""),
            Bytes::from_static(
                b"<link crossorigin=\"\"/><link crossorigin=\"\"/><script nonce=\"abc\"></head><p>crossorigin=\"abc\"</p>"
            ),
            "the head only"
        );
        let other = Bytes::from_static(b"<p>crossorigin</p>");
        assert_eq!(
            replace_before(
                other.clone(),
                18,
                b"crossorigin=\"abc\"",
                b"crossorigin=\"\""
            ),
            other
        );
        assert_eq!(
            replace_before(other.clone(), 99, b"x", b"y"),
            other,
            "past the end"
        );
    }
}
