//! The built files under `/pkg/` (wasm, JS, CSS), served the way a CDN would: the brotli and gzip
//! copies made once at build time (`scripts/precompress.mjs`, best levels) are sent as they are,
//! and when the names carry content hashes (cargo-leptos' `hash-files`) they are cached for a
//! year as immutable. Without hashes (a test build) browsers must revalidate. A file that is not
//! there (an old page asking for a chunk of a previous deploy) gets a plain 404 that is never
//! cached, so the page can show its reload message.

use axum::{Router, http::HeaderValue};
use http::Response;
use http::header;
use std::path::{Path, PathBuf};
use tower_http::{
    services::{ServeDir, fs::ServeFileSystemResponseBody},
    set_header::SetResponseHeaderLayer,
};

/// The name of the file cargo-leptos writes beside the server binary when it hashes file names;
/// Leptos reads it there to name the files in the page.
pub const HASH_FILE: &str = "hash.txt";

/// Whether the built files have hashed names: the hash file is beside the running binary (the
/// same place Leptos looks).
pub fn hashed_names() -> bool {
    hash_file().is_some_and(|p| p.is_file())
}

fn hash_file() -> Option<PathBuf> {
    Some(std::env::current_exe().ok()?.parent()?.join(HASH_FILE))
}

/// `/pkg/…` from `site_root/pkg`.
pub fn router(site_root: &Path, hashed: bool) -> Router {
    let files = ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip();
    let policy: &'static str = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    Router::new().nest_service(
        "/pkg",
        tower::ServiceBuilder::new()
            // The body depends on Accept-Encoding: a shared cache must keep one copy per value.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::VARY,
                HeaderValue::from_static("accept-encoding"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                move |res: &Response<ServeFileSystemResponseBody>| {
                    Some(HeaderValue::from_static(
                        if res.status().is_success()
                            || res.status() == http::StatusCode::NOT_MODIFIED
                        {
                            policy
                        } else {
                            "no-store"
                        },
                    ))
                },
            ))
            .service(files),
    )
}
