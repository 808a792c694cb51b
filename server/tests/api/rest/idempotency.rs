//! `Idempotency-Key`: a retried POST answers as the first did and acts once.

use super::{problem, token};
use crate::common::{TestApp, org_id, provider, spawn};
use axum::body::Body;
use http::{Request, StatusCode, header};
use server::on;

async fn post(app: &TestApp, secret: &str, key: Option<&str>, body: &str) -> crate::common::Reply {
    let mut req = Request::post("/api/v1/invitations")
        .header(header::AUTHORIZATION, format!("Bearer {secret}"))
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        req = req.header("Idempotency-Key", k);
    }
    app.send(req.body(Body::from(body.to_owned())).unwrap())
        .await
}

const PARTNERSHIP: &str = r#"{"kind": "partnership"}"#;

#[tokio::test]
async fn a_retry_with_the_same_key_gets_the_first_answer_and_acts_once() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    let first = post(&app, &secret, Some("k-1"), PARTNERSHIP).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = post(&app, &secret, Some("k-1"), PARTNERSHIP).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, first.body, "the same link, not a new one");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(
        again.headers[header::LOCATION],
        first.headers[header::LOCATION]
    );
    assert_eq!(app.count("invitations").await, 1);
    // Another key acts again; no key acts every time.
    assert_eq!(
        post(&app, &secret, Some("k-2"), PARTNERSHIP).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        post(&app, &secret, None, PARTNERSHIP).await.status,
        StatusCode::CREATED
    );
    assert_eq!(app.count("invitations").await, 3);
    // The same key with another request: refused, nothing written.
    let other = r#"{"kind": "reseller_relationship"}"#;
    let r = post(&app, &secret, Some("k-1"), other).await;
    assert_eq!(
        problem(&r),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused".into()
        )
    );
    assert_eq!(app.count("invitations").await, 3);
    // A refusal is kept as well.
    let bad = r#"{"kind": "partnership", "delegated_admin": true}"#;
    let r1 = post(&app, &secret, Some("k-3"), bad).await;
    let r2 = post(&app, &secret, Some("k-3"), bad).await;
    assert_eq!((r1.status, &r1.body), (r2.status, &r2.body));
    assert_eq!(problem(&r2).0, StatusCode::UNPROCESSABLE_ENTITY);
    // Malformed keys.
    for key in ["", "with space", &"k".repeat(256)] {
        let r = post(&app, &secret, Some(key), PARTNERSHIP).await;
        assert_eq!(
            problem(&r),
            (StatusCode::BAD_REQUEST, "idempotency_key_format".into()),
            "{key:?}"
        );
    }
    // Kept 24 hours, then forgotten.
    app.clock.advance_ms(24 * 3600 * 1000 + 1);
    // (The token outlives the admin's session.)
    let later = post(&app, &secret, Some("k-1"), PARTNERSHIP).await;
    assert_eq!(later.status, StatusCode::CREATED);
    assert!(later.headers.get("idempotent-replayed").is_none());
    assert_ne!(later.body, first.body);
}

#[tokio::test]
async fn keys_belong_to_an_organization_and_wait_for_a_running_first_request() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    // Another provider's script may use the same key for its own request.
    let other = app
        .enroll("provider", "Litware Kft.", "9100009", "o@litware.example")
        .await;
    let theirs = token(&app, &other, "Theirs", &["global_admin"]).await;
    assert_eq!(
        post(&app, &secret, Some("same"), PARTNERSHIP).await.status,
        StatusCode::CREATED
    );
    let r = post(&app, &theirs, Some("same"), PARTNERSHIP).await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.headers.get("idempotent-replayed").is_none());

    // A first request still running (its claim has no answer yet): a retry is told to wait,
    // until the claim is old enough to be abandoned.
    let org = org_id(&app, &admin).await;
    let now = app.services.now_ms();
    on!(app.services.pool(), |ex| sqlx::query(
        "INSERT INTO api_idempotency (organization_id, key, request_hash, created_at) VALUES ($1, 'running', 'x', $2)"
    )
    .bind(&org)
    .bind(now)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let r = post(&app, &secret, Some("running"), PARTNERSHIP).await;
    assert_eq!(
        problem(&r),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused".into()
        )
    );
    on!(app.services.pool(), |ex| sqlx::query(
        "UPDATE api_idempotency SET request_hash = (SELECT request_hash FROM api_idempotency WHERE key = 'same' AND organization_id = $1) WHERE key = 'running'"
    )
    .bind(&org)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let r = post(&app, &secret, Some("running"), PARTNERSHIP).await;
    assert_eq!(
        problem(&r),
        (StatusCode::CONFLICT, "idempotency_in_progress".into())
    );
    assert_eq!(r.headers[header::RETRY_AFTER], "1");
    app.clock.advance_ms(60_001);
    let r = post(&app, &secret, Some("running"), PARTNERSHIP).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}
