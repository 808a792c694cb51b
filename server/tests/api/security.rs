//! Headers, the origin check, and bad input that must never make the server answer 500.

use crate::common::{Reply, enroll_form, form, spawn, spawn_with};
use axum::body::Body;
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
    // Leptos 0.8 writes the nonce into the preload links' `crossorigin` too; it is mended.
    assert!(
        !r.body.contains(&format!("crossorigin=\"{nonce}\"")),
        "{}",
        r.body
    );
    assert_eq!(
        r.body.matches("crossorigin=\"\"").count(),
        2,
        "both preload links: {}",
        r.body
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
    // Without Content-Length the body is cut off while read, and refused as too large.
    let r = app.call("sign_in", &huge, None).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
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

fn field_codes(r: &Reply) -> Vec<(String, String)> {
    r.json()["Invalid"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn enrollment_refused_anyway_tells_nothing_about_the_email() {
    let app = spawn().await;
    app.enroll(
        "provider",
        "Contoso Kft.",
        "8100001",
        "anna@contoso.example",
    )
    .await;
    // The MPN ID is taken: the answer is the same whether or not the email has an account.
    let known = enroll_form(
        "reseller",
        "Other Kft.",
        "HU",
        "8100001",
        "anna@contoso.example",
        "a long password",
    );
    let unknown = known.replace("anna%40contoso.example", "nobody%40contoso.example");
    let (a, b) = (
        app.call("enroll", &known, None).await,
        app.call("enroll", &unknown, None).await,
    );
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!((a.status, &a.body), (b.status, &b.body), "the same answer");
    assert_eq!(field_codes(&a), [("mpn_id".into(), "mpn_id_taken".into())]);
    // Only a form that would otherwise be accepted says that the email is taken.
    let only_email = known.replace("8100001", "8100002");
    let r = app.call("enroll", &only_email, None).await;
    assert_eq!(field_codes(&r), [("email".into(), "email_taken".into())]);
}

#[tokio::test]
async fn enrollment_is_throttled_per_client_address() {
    let app = spawn_with(|c| c.enroll_max_per_hour = 3).await;
    for i in 0..3 {
        app.enroll(
            "reseller",
            &format!("Reseller {i} Kft."),
            &format!("810010{i}"),
            &format!("r{i}@r.example"),
        )
        .await;
    }
    let fourth = enroll_form(
        "reseller",
        "Reseller 4 Kft.",
        "HU",
        "8100104",
        "r4@r.example",
        "a long password",
    );
    let r = app.call("enroll", &fourth, None).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    assert_eq!(app.count("organizations").await, 3);
    app.clock.advance_ms(3_600_001);
    let r = app.call("enroll", &fourth, None).await;
    assert_eq!(r.status, StatusCode::OK, "an hour later: {}", r.body);
}

#[tokio::test]
async fn adding_users_is_throttled_per_organization() {
    let app = spawn_with(|c| c.add_user_max_per_hour = 2).await;
    let admin = app
        .enroll("provider", "P", "8100201", "admin@p.example")
        .await;
    let other = app
        .enroll("reseller", "R", "8100202", "admin@r.example")
        .await;
    // Probing other organizations' addresses: two answers an hour, then refused.
    for _ in 0..2 {
        let r = app
            .add_user(&admin, "admin@r.example", &["sales_agent"])
            .await;
        assert_eq!(field_codes(&r), [("email".into(), "email_taken".into())]);
    }
    let r = app
        .add_user(&admin, "admin@r.example", &["sales_agent"])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
    // Per organization: another one is not held back.
    let r = app
        .add_user(&other, "new@r.example", &["sales_agent"])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn partners_legal_names_are_unique_per_country_whatever_the_spelling() {
    let app = spawn().await;
    app.enroll(
        "provider",
        "Contoso Distribution Kft.",
        "8100301",
        "p@contoso.example",
    )
    .await;
    for (name, country) in [
        ("contoso  distribution KFT", "HU"),
        // Cyrillic "о" for the Latin one, and an accent.
        ("Cоntoso Distribútion Kft.", "HU"),
    ] {
        let body = enroll_form(
            "provider",
            name,
            country,
            "8100302",
            "p@c0ntoso.example",
            "a long password",
        );
        let r = app.call("enroll", &body, None).await;
        assert_eq!(
            field_codes(&r),
            [("legal_name".into(), "legal_name_taken".into())],
            "{name}"
        );
    }
    // Another country may have its own.
    app.enroll_in(
        "reseller",
        "Contoso Distribution Kft.",
        "8100303",
        "p@contoso.example.at",
        "AT",
        "public",
    )
    .await;
}

#[tokio::test]
async fn headers_forbid_embedding_and_device_features_and_pin_https() {
    let app = spawn().await;
    let r = app.get("/sign-in", None).await;
    assert_eq!(r.headers["cross-origin-resource-policy"], "same-origin");
    let permissions = r.headers["permissions-policy"].to_str().unwrap();
    assert!(permissions.contains("camera=()"), "{permissions}");
    assert!(
        !r.headers.contains_key(header::STRICT_TRANSPORT_SECURITY),
        "not on plain http"
    );
    let https = spawn_with(|c| c.public_url = "https://portal.example".into()).await;
    let r = https.get("/sign-in", None).await;
    assert_eq!(
        r.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
}

#[tokio::test]
async fn a_50000_character_search_is_cut_not_a_500() {
    let app = spawn().await;
    let reseller = app.enroll("reseller", "R", "8100401", "r@r.example").await;
    let long = "adatum%".repeat(7_000);
    let r = app
        .call(
            "list_customers",
            &form(&[("search", &long)]),
            Some(&reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:.200}", r.body);
    let r = app
        .call("search_directory", &form(&[("name", &long)]), None)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:.200}", r.body);
}
