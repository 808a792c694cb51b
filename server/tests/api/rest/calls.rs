//! The calls of `/api/v1`: each through the same rules as the pages, paged by cursor, refused
//! as problem documents with nothing written.

use super::{api, problem, token};
use crate::common::{customer_via, new_request, northwind, org_id, provider, reseller, spawn};
use http::StatusCode;

#[tokio::test]
async fn a_script_invites_lists_reissues_and_revokes() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    let r = api(
        &app,
        "POST",
        "/api/v1/invitations",
        Some(&secret),
        Some(r#"{"kind": "reseller_relationship", "delegated_admin": true}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let made = r.json();
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.headers.get(http::header::LOCATION).unwrap(),
        &format!("/api/v1/invitations/{id}")
    );
    assert!(made["link"].as_str().unwrap().contains("/invite/"));
    // The Location names the invitation.
    let location = r.headers[http::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let one = api(&app, "GET", &location, Some(&secret), None).await;
    assert_eq!(one.status, StatusCode::OK, "{}", one.body);
    assert_eq!(one.json()["id"], id.as_str());
    assert_eq!(one.json()["state"], "pending");
    assert_eq!(made["languages"].as_array().unwrap().len(), 4);

    let r = api(
        &app,
        "GET",
        "/api/v1/invitations?state=pending",
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json();
    let row = &list["items"][0];
    assert_eq!(row["id"], id.as_str());
    assert_eq!(row["kind"], "reseller_relationship");
    assert_eq!(row["state"], "pending");
    assert_eq!(row["sent_by"], "API token «CRM»");
    // Machine times: RFC 3339 in UTC.
    let created = row["created"].as_str().unwrap();
    assert!(
        created.starts_with("2026-01-01T") && created.ends_with('Z'),
        "{created}"
    );
    assert_eq!(list["next"], serde_json::Value::Null);

    let r = api(
        &app,
        "POST",
        &format!("/api/v1/invitations/{id}/reissue"),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_ne!(r.json()["link"], made["link"], "a new link");
    let r = api(
        &app,
        "POST",
        &format!("/api/v1/invitations/{id}/revoke"),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api(
        &app,
        "POST",
        &format!("/api/v1/invitations/{id}/revoke"),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(problem(&r), (StatusCode::CONFLICT, "not_pending".into()));

    // The activity log names the token, through the API too.
    let r = api(
        &app,
        "GET",
        "/api/v1/activity?kind=invitation.revoked",
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let entries = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["actor"], "API token «CRM»");
}

#[tokio::test]
async fn lists_page_by_cursor_with_their_filters() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    for _ in 0..3 {
        let r = api(
            &app,
            "POST",
            "/api/v1/invitations",
            Some(&secret),
            Some(r#"{"kind":"partnership"}"#),
        )
        .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        app.clock.advance_ms(1000);
    }
    let mut path = "/api/v1/invitations?kind=partnership&limit=2".to_owned();
    let mut seen = Vec::new();
    loop {
        let r = api(&app, "GET", &path, Some(&secret), None).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let page = r.json();
        seen.extend(
            page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].clone()),
        );
        match page["next"].as_str() {
            Some(next) => {
                assert!(
                    next.contains("kind=partnership") && next.contains("limit=2"),
                    "{next}"
                );
                path = next.to_owned();
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 3);
    seen.dedup();
    assert_eq!(seen.len(), 3, "no row twice");
    // A cursor of this list under other filters, or of another list: refused.
    let first = api(
        &app,
        "GET",
        "/api/v1/invitations?kind=partnership&limit=1",
        Some(&secret),
        None,
    )
    .await
    .json();
    let next = first["next"].as_str().unwrap().to_owned();
    let after = next.rsplit_once("after=").unwrap().1.to_owned();
    for path in [
        format!("/api/v1/invitations?kind=joint_invite&after={after}"),
        format!("/api/v1/activity?after={after}"),
        format!("/api/v1/customers?after={after}"),
    ] {
        let r = api(&app, "GET", &path, Some(&secret), None).await;
        assert_eq!(problem(&r).0, StatusCode::BAD_REQUEST, "{path}: {}", r.body);
    }
}

#[tokio::test]
async fn customers_are_listed_and_read_as_on_the_customers_page() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let link = new_request(&app, &admin, true).await;
    let customer = customer_via(&app, &link, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app.answer(&customer, &link, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let customer_id = org_id(&app, &customer).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    let r = api(
        &app,
        "GET",
        "/api/v1/customers?search=adat&sort=name",
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let items = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], customer_id.as_str());
    assert_eq!(items[0]["name"], "Adatum Kft.");
    assert_eq!(items[0]["since"], "2026-01-01");
    let r = api(
        &app,
        "GET",
        &format!("/api/v1/customers/{customer_id}"),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["domain"], "adatum.tierlink.example");
    assert_eq!(r.json()["subscriptions"], serde_json::json!([]));

    // Another partner's token sees neither.
    let other = northwind(&app).await;
    let theirs = token(&app, &other, "Theirs", &["global_admin"]).await;
    let r = api(
        &app,
        "GET",
        &format!("/api/v1/customers/{customer_id}"),
        Some(&theirs),
        None,
    )
    .await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
    let r = api(&app, "GET", "/api/v1/customers", Some(&theirs), None).await;
    assert_eq!(r.json()["items"].as_array().unwrap().len(), 0);
    let r = api(
        &app,
        "GET",
        "/api/v1/customers/not-an-id",
        Some(&theirs),
        None,
    )
    .await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn another_organizations_invitation_is_not_found() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let mine = token(&app, &admin, "CRM", &["global_admin"]).await;
    let r = api(
        &app,
        "POST",
        "/api/v1/invitations",
        Some(&mine),
        Some(r#"{"kind":"partnership"}"#),
    )
    .await;
    let id = r.json()["id"].as_str().unwrap().to_owned();
    let other = reseller(&app).await;
    let theirs = token(&app, &other, "Theirs", &["global_admin"]).await;
    let r = api(
        &app,
        "POST",
        &format!("/api/v1/invitations/{id}/revoke"),
        Some(&theirs),
        None,
    )
    .await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
    let r = api(
        &app,
        "GET",
        &format!("/api/v1/invitations/{id}"),
        Some(&theirs),
        None,
    )
    .await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
    // A reseller cannot request partnerships: the kind's refusal, as on the page.
    let r = api(
        &app,
        "POST",
        "/api/v1/invitations",
        Some(&theirs),
        Some(r#"{"kind":"partnership"}"#),
    )
    .await;
    assert_eq!(
        problem(&r),
        (StatusCode::FORBIDDEN, "providers_only".into())
    );
}

#[tokio::test]
async fn bad_input_is_a_problem_and_writes_nothing() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    let before = app.count("invitations").await;
    let post = |body: &'static str| {
        let app = &app;
        let secret = secret.clone();
        async move {
            api(
                app,
                "POST",
                "/api/v1/invitations",
                Some(&secret),
                Some(body),
            )
            .await
        }
    };
    for (body, status) in [
        ("{", StatusCode::BAD_REQUEST),
        ("[]", StatusCode::UNPROCESSABLE_ENTITY),
        // serde_json calls a number where a name belongs a syntax error.
        (r#"{"kind": 7}"#, StatusCode::BAD_REQUEST),
        (
            r#"{"kind": "friendship"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            r#"{"kind": "partnership", "extra": 1}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            r#"{"kind": "joint_invite", "provider_id": "x"}"#,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let r = post(body).await;
        assert_eq!(problem(&r).0, status, "{body}: {}", r.body);
    }
    let r = post(r#"{"kind": "joint_invite"}"#).await;
    assert_eq!(r.json()["errors"][0]["field"], "provider_id");
    let r = post(r#"{"kind": "partnership", "delegated_admin": true}"#).await;
    assert_eq!(
        problem(&r),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid".into())
    );
    // Without a JSON content type.
    let req = http::Request::post("/api/v1/invitations")
        .header(http::header::AUTHORIZATION, format!("Bearer {secret}"))
        .body(axum::body::Body::from(r#"{"kind":"partnership"}"#))
        .unwrap();
    assert_eq!(
        problem(&app.send(req).await).0,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
    // Too large.
    let huge = format!(
        r#"{{"kind":"partnership","pad":"{}"}}"#,
        "x".repeat(100_000)
    );
    let r = api(
        &app,
        "POST",
        "/api/v1/invitations",
        Some(&secret),
        Some(&huge),
    )
    .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", r.body);
    // Queries: a wrong type, an unknown choice, a limit out of range, a cursor of nothing.
    for (path, status) in [
        ("/api/v1/invitations?limit=abc", StatusCode::BAD_REQUEST),
        ("/api/v1/invitations?state=bogus", StatusCode::BAD_REQUEST),
        (
            "/api/v1/invitations?limit=0",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("/api/v1/invitations?after=garbage", StatusCode::BAD_REQUEST),
        (
            "/api/v1/activity?from=yesterday",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("/api/v1/nothing", StatusCode::NOT_FOUND),
    ] {
        let r = api(&app, "GET", path, Some(&secret), None).await;
        assert_eq!(problem(&r).0, status, "{path}: {}", r.body);
    }
    let r = api(&app, "DELETE", "/api/v1/invitations", Some(&secret), None).await;
    assert_eq!(problem(&r).0, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(app.count("invitations").await, before, "nothing written");
}

#[tokio::test]
async fn problems_speak_the_callers_language() {
    let app = spawn().await;
    let req = http::Request::get("/api/v1/customers")
        .header(http::header::ACCEPT_LANGUAGE, "hu-HU,hu;q=0.9")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(problem(&r).0, StatusCode::UNAUTHORIZED);
    let detail = r.json()["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("API-jogkivonat"), "{detail}");
}

#[tokio::test]
async fn the_openapi_document_describes_every_call() {
    let app = spawn().await;
    let r = app.get("/api/v1/openapi.json", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let doc = r.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1."));
    for (path, method) in [
        ("/api/v1/invitations", "get"),
        ("/api/v1/invitations", "post"),
        ("/api/v1/invitations/{id}", "get"),
        ("/api/v1/invitations/{id}/reissue", "post"),
        ("/api/v1/invitations/{id}/revoke", "post"),
        ("/api/v1/customers", "get"),
        ("/api/v1/customers/{id}", "get"),
        ("/api/v1/activity", "get"),
        ("/api/v1/customers", "post"),
        ("/api/v1/customers/{id}", "delete"),
        ("/api/v1/customers/{id}/subscriptions", "get"),
        ("/api/v1/customers/{id}/subscriptions", "post"),
        ("/api/v1/customers/{id}/subscriptions/{subscription}", "get"),
        (
            "/api/v1/customers/{id}/subscriptions/{subscription}",
            "patch",
        ),
        ("/api/v1/customers/{id}/users", "get"),
        ("/api/v1/customers/{id}/users", "post"),
        (
            "/api/v1/customers/{id}/users/{user}/licenses/{subscription}",
            "put",
        ),
        (
            "/api/v1/customers/{id}/users/{user}/licenses/{subscription}",
            "delete",
        ),
        ("/api/v1/resellers", "get"),
        ("/api/v1/resellers/{id}", "get"),
        ("/api/v1/resellers/{id}", "delete"),
        ("/api/v1/providers", "get"),
        ("/api/v1/providers/{id}", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["api_token"]["scheme"],
        "bearer"
    );
}

#[tokio::test]
async fn each_token_has_its_calls_per_minute() {
    let app = crate::common::spawn_with(|c| c.api_max_per_minute = 3).await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    let other = token(&app, &admin, "Other", &["global_admin"]).await;
    for _ in 0..3 {
        let r = api(&app, "GET", "/api/v1/customers", Some(&secret), None).await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let r = api(&app, "GET", "/api/v1/customers", Some(&secret), None).await;
    assert_eq!(
        problem(&r),
        (StatusCode::TOO_MANY_REQUESTS, "throttled".into())
    );
    let wait: i64 = r.headers[http::header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let r = api(&app, "GET", "/api/v1/customers", Some(&other), None).await;
    assert_eq!(r.status, StatusCode::OK, "another token counts on its own");
    app.clock.advance_ms(60_000);
    let r = api(&app, "GET", "/api/v1/customers", Some(&secret), None).await;
    assert_eq!(r.status, StatusCode::OK, "a new minute");
}

#[tokio::test]
async fn the_reference_page_has_its_own_policy_and_no_inline_script() {
    let app = spawn().await;
    let r = app.get("/api/docs", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let csp = r.headers[http::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self';"), "{csp}");
    assert!(csp.contains("style-src 'self' 'unsafe-inline'"), "{csp}");
    assert!(r.body.contains("/api/docs/assets/swagger-ui-bundle.js"));
    assert!(!r.body.contains("<script>"), "no inline script");
    // Every other page keeps the strict policy.
    let r = app.get("/sign-in", None).await;
    let csp = r.headers[http::header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.contains("style-src 'self';"), "{csp}");
}
