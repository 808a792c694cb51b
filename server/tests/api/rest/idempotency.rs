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
    // The first answer held the link, a one-time secret: the replay says it succeeded and
    // where, and the link is stored nowhere but as its hash.
    let again = post(&app, &secret, Some("k-1"), PARTNERSHIP).await;
    assert_eq!(
        problem(&again),
        (StatusCode::CONFLICT, "secret_shown_once".into())
    );
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(
        again.headers[header::LOCATION],
        first.headers[header::LOCATION]
    );
    assert_eq!(app.count("invitations").await, 1);
    let link = first.json()["link"].as_str().unwrap().to_owned();
    let token_part = link.rsplit('/').next().unwrap().to_owned();
    let (kept,): (i64,) = on!(app.services.pool(), |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM api_idempotency WHERE response LIKE '%' || $1 || '%'"
    )
    .bind(&token_part)
    .fetch_one(ex)
    .await)
    .unwrap();
    assert_eq!(kept, 0, "the link is not kept for a replay");
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
    // The hourly sweep forgets keys older than a day.
    app.clock.advance_ms(24 * 3600 * 1000 + 1);
    let swept = server::db::idempotency::forget_older(
        app.services.pool(),
        app.services.now_ms() - server::rest::idempotency::KEEP_MS,
    )
    .await
    .unwrap();
    assert!(swept >= 1);
    assert_eq!(app.count("api_idempotency").await, 0);
}

#[tokio::test]
async fn keys_belong_to_a_token_and_wait_for_a_running_first_request() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    // Another script of the same organization, with a token of its own, may use the same key
    // for its own request (and never sees the first one's answer).
    let theirs = token(&app, &admin, "Theirs", &["global_admin"]).await;
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
        "INSERT INTO api_idempotency (token_id, key, organization_id, request_hash, created_at)
         SELECT id, 'running', $1, 'x', $2 FROM api_tokens WHERE name = 'CRM'"
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
        "UPDATE api_idempotency SET request_hash = (SELECT request_hash FROM api_idempotency
           WHERE key = 'same' AND token_id = (SELECT id FROM api_tokens WHERE name = 'CRM'))
         WHERE key = 'running'"
    )
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
    app.clock
        .advance_ms(server::rest::idempotency::ABANDONED_MS + 1);
    let r = post(&app, &secret, Some("running"), PARTNERSHIP).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}
