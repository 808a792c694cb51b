//! Security headers on every response, with a fresh nonce for the Content-Security-Policy that
//! the page's inline hydration script carries.

use app::api::CspNonce;
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use http::{HeaderValue, header};

/// Whether people reach this instance over https (its public URL says so).
#[derive(Clone, Copy)]
pub struct Https(pub bool);

pub async fn headers(State(Https(https)): State<Https>, mut req: Request, next: Next) -> Response {
    // Pages and answers carry personal data (and invitation pages a token): never cached.
    // Built assets under /pkg/ and public files may be.
    let path = req.uri().path();
    let cacheable = path.starts_with("/pkg/")
        || path.starts_with("/api/docs/assets/")
        || path == "/favicon.ico";
    let mut bytes = [0u8; 16];
    // Without OS randomness a nonce is not safe: answer without inline scripts allowed at all.
    let nonce = getrandom::fill(&mut bytes)
        .ok()
        .map(|_| URL_SAFE_NO_PAD.encode(bytes));
    if let Some(n) = &nonce {
        req.extensions_mut().insert(CspNonce(n.clone()));
    }
    let mut res = next.run(req).await;
    if let Some(n) = &nonce {
        res = super::preload::mend(res, n);
    }
    let h = res.headers_mut();
    let script = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let csp = format!(
        "default-src 'self'; script-src 'self'{script} 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    );
    // A page with a policy of its own (the API reference) keeps it.
    if let (false, Ok(v)) = (
        h.contains_key(header::CONTENT_SECURITY_POLICY),
        HeaderValue::from_str(&csp),
    ) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if !cacheable {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // `same-origin` keeps links (invitation tokens) from leaking to other sites while
    // same-origin form posts still carry a real Origin (`no-referrer` would make it "null").
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    // Nothing here is for other sites to embed, and no page needs a device feature.
    h.insert(
        header::HeaderName::from_static("cross-origin-resource-policy"),
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    );
    // Behind https, browsers never try plain http again for a year (only then: on a plain-http
    // instance the header would be ignored, and on a test machine it would stick).
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}
