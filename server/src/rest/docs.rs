//! `/api/docs`: the API's reference for people, Swagger UI over the instance's own OpenAPI
//! document. Swagger UI comes from the npm package `swagger-ui-dist` (pinned in
//! `.tools/package-lock.json`; `make build` copies it to `target/site/api-docs/` and
//! precompresses it); no CDN is asked for anything.

use axum::{
    Router,
    http::{HeaderValue, header},
    response::{Html, IntoResponse},
    routing::get,
};
use std::path::Path;
use tower_http::{services::ServeDir, set_header::SetResponseHeaderLayer};

/// Swagger UI sets styles in attributes and `<style>` elements: this page alone allows inline
/// styles (never inline scripts).
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
    frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tierlink API reference</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<main id="reference"><h1>Tierlink API reference</h1>
<p>The reference needs JavaScript; the document itself is at
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p></main>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script>
</body>
</html>
"#;

async fn page() -> impl IntoResponse {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        )],
        Html(PAGE),
    )
}

/// The page, and its files from `site_root/api-docs` (revalidated on each visit: the names
/// carry no hash, and the page is rarely opened).
pub fn router(site_root: &Path) -> Router {
    let files = ServeDir::new(site_root.join("api-docs"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new().route("/api/docs", get(page)).nest_service(
        "/api/docs/assets",
        tower::ServiceBuilder::new()
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-cache"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::VARY,
                HeaderValue::from_static("accept-encoding"),
            ))
            .service(files),
    )
}
