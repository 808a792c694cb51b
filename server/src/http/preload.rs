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
    // Compression is an outer layer (`server::router`): an encoded body is not ours to read.
    if !html || res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    // The mended head is shorter: a declared length would be wrong (pages are streamed without
    // one; this keeps it so for any that had one).
    let mut res = res;
    res.headers_mut().remove(header::CONTENT_LENGTH);
    let wrong = format!("crossorigin=\"{nonce}\"").into_bytes();
    let mut in_head = true;
    res.map(|body| {
        Body::new(body.map_frame(move |frame| {
            frame.map_data(|data| {
                if !in_head {
                    return data;
                }
                // The whole page often comes as one chunk: only its head is searched. An attribute
                // split between two chunks would be left as it is: nothing is ever corrupted.
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
            replace_before(other.clone(), 99, b"crossorigin", b"y"),
            other,
            "an end past the chunk changes nothing"
        );
    }

    /// The head in the first chunk, `</head>` in the second, the body after it: both heads'
    /// attributes mended, the body's left alone.
    #[tokio::test]
    async fn a_head_across_chunks_is_mended_until_it_ends() {
        use futures_util::stream;
        let chunks: Vec<Result<Bytes, std::io::Error>> = vec![
            Ok(Bytes::from_static(b"<head><link crossorigin=\"n1\"/>")),
            Ok(Bytes::from_static(b"<link crossorigin=\"n1\"/></head>")),
            Ok(Bytes::from_static(b"<p>crossorigin=\"n1\"</p>")),
        ];
        let res = Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .header(header::CONTENT_LENGTH, "999")
            .body(Body::from_stream(stream::iter(chunks)))
            .unwrap();
        let mended = mend(res, "n1");
        assert!(!mended.headers().contains_key(header::CONTENT_LENGTH));
        let body = mended.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            body,
            Bytes::from_static(
                b"<head><link crossorigin=\"\"/><link crossorigin=\"\"/></head><p>crossorigin=\"n1\"</p>"
            )
        );

        let json = Response::builder()
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("crossorigin=\"n1\""))
            .unwrap();
        let body = mend(json, "n1")
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes();
        assert_eq!(body, Bytes::from_static(b"crossorigin=\"n1\""), "not HTML");
    }
}
