//! The built files under /pkg/: precompressed copies sent as they are, a year of immutable
//! caching only for hashed names, and a missing file (an old page asking for a chunk of a
//! previous deploy) a 404 that no cache keeps.

use crate::common::{TestApp, spawn_with};
use axum::body::Body;
use http::{Request, StatusCode, header};

const WASM: &str = "tierlink.Zm9vYmFy.wasm";

/// A site folder with one built file and its two precompressed copies (each with its own
/// content, so the test sees which one was sent).
/// The folder is returned with the app so that it lives as long as the test.
async fn app_with_files(hashed: bool) -> (TestApp, tempfile::TempDir) {
    let site = tempfile::tempdir().expect("temp dir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg folder");
    std::fs::write(pkg.join(WASM), "raw wasm bytes").expect("file");
    std::fs::write(pkg.join(format!("{WASM}.br")), "brotli copy").expect("file");
    std::fs::write(pkg.join(format!("{WASM}.gz")), "gzip copy").expect("file");
    let root = site.path().to_owned();
    let app = spawn_with(|c| {
        c.site_root = root;
        c.hashed_assets = hashed;
    })
    .await;
    (app, site)
}

async fn get(app: &TestApp, path: &str, encoding: Option<&str>) -> crate::common::Reply {
    let mut req = Request::get(path);
    if let Some(e) = encoding {
        req = req.header(header::ACCEPT_ENCODING, e);
    }
    app.send(req.body(Body::empty()).expect("request")).await
}

fn header_of(r: &crate::common::Reply, name: header::HeaderName) -> Option<&str> {
    r.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn the_precompressed_copy_the_browser_accepts_is_sent_as_it_is() {
    let (app, _site) = app_with_files(true).await;
    let path = format!("/pkg/{WASM}");

    let br = get(&app, &path, Some("gzip, deflate, br")).await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.body, "brotli copy");
    assert_eq!(header_of(&br, header::CONTENT_ENCODING), Some("br"));
    assert_eq!(
        header_of(&br, header::CONTENT_TYPE),
        Some("application/wasm")
    );
    assert!(
        header_of(&br, header::VARY)
            .is_some_and(|v| v.to_ascii_lowercase().contains("accept-encoding")),
        "{:?}",
        br.headers
    );

    let gz = get(&app, &path, Some("gzip")).await;
    assert_eq!(gz.body, "gzip copy");
    assert_eq!(header_of(&gz, header::CONTENT_ENCODING), Some("gzip"));

    let plain = get(&app, &path, None).await;
    assert_eq!(plain.body, "raw wasm bytes");
    assert_eq!(header_of(&plain, header::CONTENT_ENCODING), None);
}

#[tokio::test]
async fn hashed_names_are_cached_for_a_year_and_missing_files_never() {
    let (app, _site) = app_with_files(true).await;
    let found = get(&app, &format!("/pkg/{WASM}"), Some("br")).await;
    assert_eq!(
        header_of(&found, header::CACHE_CONTROL),
        Some("public, max-age=31536000, immutable")
    );
    let missing = get(&app, "/pkg/tierlink.b2xkZGVwbG95.wasm", Some("br")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(header_of(&missing, header::CACHE_CONTROL), Some("no-store"));
}

#[tokio::test]
async fn unhashed_names_are_revalidated_and_pages_are_not_stored() {
    let (app, _site) = app_with_files(false).await;
    let found = get(&app, &format!("/pkg/{WASM}"), Some("br")).await;
    assert_eq!(found.status, StatusCode::OK);
    assert_eq!(header_of(&found, header::CACHE_CONTROL), Some("no-cache"));
    let page = get(&app, "/sign-in", Some("br")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(header_of(&page, header::CACHE_CONTROL), Some("no-store"));
}
