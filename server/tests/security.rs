//! Headers, the origin check, and bad input that must never make the server answer 500.

mod common;

use axum::body::Body;
use common::{form, spawn};
use http::{Request, StatusCode, header};

#[tokio::test]
async fn pages_carry_a_csp_whose_nonce_is_on_the_hydration_script() {
    let app = spawn().await;
    let r = app.get("/sign-in", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap();
    assert!(
        r.body.contains(&format!("nonce=\"{nonce}\"")),
        "inline script carries the nonce"
    );
    assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(r.headers[header::REFERRER_POLICY], "same-origin");
    assert_eq!(r.headers[header::CACHE_CONTROL], "no-store");
    let again = app.get("/sign-in", None).await;
    assert_ne!(
        again.headers[header::CONTENT_SECURITY_POLICY],
        r.headers[header::CONTENT_SECURITY_POLICY],
        "a nonce per response"
    );
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = spawn().await;
    for (site, origin) in [
        (Some("cross-site"), None),
        (None, Some("https://evil.example")),
        (None, Some("null")),
    ] {
        let mut req = Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        if let Some(o) = origin {
            req = req.header(header::ORIGIN, o);
        }
        let r = app
            .send(
                req.body(Body::from(form(&[("email", "a@b.com"), ("password", "x")])))
                    .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{site:?} {origin:?}");
    }
}

#[tokio::test]
async fn malformed_requests_get_4xx_never_500() {
    let app = spawn().await;
    let admin = app
        .enroll("provider", "P", "8000001", "admin@p.example")
        .await;
    let cases: Vec<(&str, String, Option<&str>)> = vec![
        ("sign_in", String::new(), None),
        ("sign_in", "email=%FF%FE&password=%00".into(), None),
        ("sign_in", "email[]=1&email[]=2".into(), None),
        ("enroll", "form=1".into(), None),
        ("enroll", "x".repeat(100_000), None),
        (
            "add_user",
            "roles[global_admin]=on".into(),
            Some(admin.as_str()),
        ),
        (
            "set_user_roles",
            "user_id=not-a-uuid".into(),
            Some(admin.as_str()),
        ),
        (
            "set_user_active",
            "user_id=00000000-0000-0000-0000-000000000000&active=maybe".into(),
            Some(admin.as_str()),
        ),
        (
            "set_user_active",
            "user_id=00000000-0000-0000-0000-000000000000&active=true".into(),
            Some(admin.as_str()),
        ),
        ("list_users", String::new(), Some("tierlink_session=forged")),
        ("list_users", String::new(), Some("tierlink_session=")),
        ("no_such_function", String::new(), None),
    ];
    for (endpoint, body, cookie) in cases {
        let r = app.call(endpoint, &body, cookie).await;
        assert!(
            r.status.is_client_error(),
            "{endpoint} {body:.40}: {} {}",
            r.status,
            r.body
        );
    }
    let odd_cookie = app.get("/", Some("tierlink_session=%%%;;=; a")).await;
    assert!(odd_cookie.status.is_redirection(), "{}", odd_cookie.status);
    let r = app.get("/definitely/not/a/page", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Page not found"));
}

#[tokio::test]
async fn health_check_reads_the_database() {
    let app = spawn().await;
    let r = app.get("/healthz", None).await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
}

#[tokio::test]
async fn large_bodies_are_refused_before_they_are_read_whole() {
    let app = spawn().await;
    let huge = format!(
        "email=a%40b.com&password={}",
        "x".repeat(server::MAX_BODY_BYTES + 1)
    );
    // Without Content-Length the body is cut off while read: a 400 from the server function.
    let r = app.call("sign_in", &huge, None).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Browsers send Content-Length: refused before anything is read.
    let req = Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::CONTENT_LENGTH, huge.len())
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(huge))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::PAYLOAD_TOO_LARGE);
    let long = format!("email=a%40b.com&password={}", "x".repeat(129));
    let r = app.call("sign_in", &long, None).await;
    assert_eq!(
        r.json(),
        serde_json::json!({"Refused": "invalid_credentials"})
    );
}
