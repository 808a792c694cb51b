//! Subscriptions through `/api/v1`: listed, added, read with an ETag and changed with If-Match,
//! so that two scripts cannot silently overwrite each other.

use super::{RESELLER_MPN, customer_of_the_provider_alone, line};
use crate::rest::{api, problem, token};
use http::{StatusCode, header};

#[tokio::test]
async fn a_script_reads_and_changes_subscriptions_with_if_match() {
    let app = crate::common::spawn().await;
    let (w, customer) = customer_of_the_provider_alone(&app).await;
    let secret = token(&app, &w.provider, "Billing", &["global_admin"]).await;
    let base = format!("/api/v1/customers/{customer}/subscriptions");

    let r = api(&app, "GET", &base, Some(&secret), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let items = r.json()["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["licenses"], 10);
    let sub = items[0]["id"].as_str().unwrap().to_owned();
    let one = format!("{base}/{sub}");

    // Read: the ETag is the version.
    let r = api(&app, "GET", &one, Some(&secret), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let etag = r.headers[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(
        etag,
        format!("\"{}\"", r.json()["version"].as_str().unwrap())
    );

    let patch = |body: &'static str, if_match: Option<String>| {
        let app = &app;
        let (one, secret) = (one.clone(), secret.clone());
        async move {
            let mut req = http::Request::patch(&one)
                .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(m) = if_match {
                req = req.header(header::IF_MATCH, m);
            }
            app.send(req.body(axum::body::Body::from(body)).unwrap())
                .await
        }
    };
    // Without If-Match: refused.
    let r = patch(r#"{"licenses": 12}"#, None).await;
    assert_eq!(
        problem(&r),
        (
            StatusCode::PRECONDITION_REQUIRED,
            "if_match_required".into()
        )
    );
    // With it: changed, and a new ETag.
    let r = patch(r#"{"licenses": 12}"#, Some(etag.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["licenses"], 12);
    let second = r.headers[header::ETAG].to_str().unwrap().to_owned();
    assert_ne!(second, etag);
    // A second script still holding the first ETag: refused, nothing changed.
    let r = patch(r#"{"licenses": 20}"#, Some(etag.clone())).await;
    assert_eq!(
        problem(&r),
        (StatusCode::PRECONDITION_FAILED, "version_mismatch".into())
    );
    let r = api(&app, "GET", &one, Some(&secret), None).await;
    assert_eq!(r.json()["licenses"], 12);

    // The partners: a reseller of record by MPN ID, the support contact kept.
    let r = patch(r#"{"reseller_mpn_id": "9100001"}"#, Some(second.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["reseller"]["mpn_id"], RESELLER_MPN);
    assert_eq!(r.json()["support_contact_id"], w.provider_id.as_str());
    let third = r.headers[header::ETAG].to_str().unwrap().to_owned();
    // Both at once, or nothing: a field problem.
    let r = patch(
        r#"{"licenses": 3, "reseller_mpn_id": ""}"#,
        Some(third.clone()),
    )
    .await;
    assert_eq!(problem(&r).0, StatusCode::UNPROCESSABLE_ENTITY);
    let r = patch(r#"{}"#, Some(third.clone())).await;
    assert_eq!(problem(&r).0, StatusCode::UNPROCESSABLE_ENTITY);
    // The rules of the page hold: the count within the offer's bounds.
    let r = patch(r#"{"licenses": 301}"#, Some(third.clone())).await;
    assert_eq!(problem(&r).0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["errors"][0]["field"], "licenses");

    // Add: one order of new subscriptions.
    let body = serde_json::json!({ "lines": [line(&w.backup, 5)] }).to_string();
    let body_one = body.clone();
    let r = api(&app, "POST", &base, Some(&secret), Some(&body)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["ids"].as_array().unwrap().len(), 1);
    let r = api(&app, "GET", &base, Some(&secret), None).await;
    assert_eq!(r.json()["items"].as_array().unwrap().len(), 2);
    // A retried order with an Idempotency-Key: the first answer again, one order.
    let keyed = |key: &'static str| {
        let (app, base, secret, body) = (&app, base.clone(), secret.clone(), body_one.clone());
        async move {
            let req = http::Request::post(&base)
                .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header("Idempotency-Key", key)
                .body(axum::body::Body::from(body))
                .unwrap();
            app.send(req).await
        }
    };
    let first = keyed("order-7").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = keyed("order-7").await;
    assert_eq!((again.status, &again.body), (first.status, &first.body));
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(again.headers[header::CONTENT_TYPE], "application/json");
    let r = api(&app, "GET", &base, Some(&secret), None).await;
    assert_eq!(
        r.json()["items"].as_array().unwrap().len(),
        3,
        "one order, not two"
    );
    let body = serde_json::json!({ "lines": [line(&w.backup, 500)] }).to_string();
    let r = api(&app, "POST", &base, Some(&secret), Some(&body)).await;
    assert_eq!(problem(&r).0, StatusCode::UNPROCESSABLE_ENTITY);

    // The reseller of record has no relationship with the customer: the page's rule holds.
    let theirs = token(&app, &w.reseller, "Theirs", &["global_admin"]).await;
    let r = api(&app, "GET", &one, Some(&theirs), None).await;
    assert_eq!(
        problem(&r),
        (StatusCode::FORBIDDEN, "not_your_customer".into())
    );
    // Unknown ids.
    let r = api(&app, "GET", &format!("{base}/nope"), Some(&secret), None).await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_script_creates_a_customer_manages_its_users_and_ends_the_relationship() {
    let app = crate::common::spawn().await;
    let w = super::world(&app).await;
    let secret = token(&app, &w.provider, "Onboarding", &["global_admin"]).await;
    let mut body = super::details("Adatum Kft.", "adatum", "HU");
    body["lines"] = serde_json::json!([line(&w.office, 3)]);
    let r = api(
        &app,
        "POST",
        "/api/v1/customers",
        Some(&secret),
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let made = r.json();
    let customer = made["id"].as_str().unwrap().to_owned();
    assert!(!made["temporary_password"].as_str().unwrap().is_empty());
    assert_eq!(made["domain"], "adatum.tierlink.example");
    // The wizard's rules, each at its field: the same domain again.
    let r = api(
        &app,
        "POST",
        "/api/v1/customers",
        Some(&secret),
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(problem(&r).0, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("domain_prefix"), "{}", r.body);

    // Users: add one, give it a license, take it back.
    let users = format!("/api/v1/customers/{customer}/users");
    let r = api(
        &app,
        "POST",
        &users,
        Some(&secret),
        Some(r#"{"name": "Németh Júlia", "email": "julia@adatum.example"}"#),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = api(&app, "GET", &users, Some(&secret), None).await;
    let list = r.json()["items"].as_array().unwrap().clone();
    let julia = list
        .iter()
        .find(|u| u["email"] == "julia@adatum.example")
        .unwrap();
    let user = julia["id"].as_str().unwrap();
    let subs = api(
        &app,
        "GET",
        &format!("/api/v1/customers/{customer}/subscriptions"),
        Some(&secret),
        None,
    )
    .await
    .json();
    let sub = subs["items"][0]["id"].as_str().unwrap().to_owned();
    let license = format!("{users}/{user}/licenses/{sub}");
    let r = api(&app, "PUT", &license, Some(&secret), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api(&app, "GET", &users, Some(&secret), None).await;
    let list = r.json()["items"].as_array().unwrap().clone();
    let julia = list
        .iter()
        .find(|u| u["email"] == "julia@adatum.example")
        .unwrap();
    assert_eq!(julia["licenses"][0], sub.as_str());
    let r = api(&app, "DELETE", &license, Some(&secret), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);

    // The expanded record: the subscriptions and, with delegated admin, the users.
    let r = api(
        &app,
        "GET",
        &format!("/api/v1/customers/{customer}"),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let record = r.json();
    assert!(
        record["subscriptions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == sub.as_str()),
        "{record}"
    );
    let users = record["users"].as_array().expect("users listed");
    assert_eq!(record["user_count"], users.len());
    assert!(users.iter().any(|u| u["email"] == "julia@adatum.example"));

    // Ending the relationship: the customer leaves the list.
    let r = api(
        &app,
        "DELETE",
        &format!("/api/v1/customers/{customer}"),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api(&app, "GET", "/api/v1/customers", Some(&secret), None).await;
    assert_eq!(r.json()["items"].as_array().unwrap().len(), 0);
}

#[tokio::test]
async fn partners_are_listed_on_both_sides_and_a_provider_ends_a_partnership() {
    let app = crate::common::spawn().await;
    let w = super::world(&app).await;
    let mine = token(&app, &w.provider, "P", &["global_admin"]).await;
    let theirs = token(&app, &w.reseller, "R", &["global_admin"]).await;
    let r = api(&app, "GET", "/api/v1/resellers", Some(&mine), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["items"][0]["id"], w.reseller_id.as_str());
    assert_eq!(r.json()["items"][0]["mpn_id"], RESELLER_MPN);
    let one = format!("/api/v1/resellers/{}", w.reseller_id);
    assert_eq!(
        api(&app, "GET", &one, Some(&mine), None).await.status,
        StatusCode::OK
    );
    let r = api(&app, "GET", "/api/v1/providers", Some(&theirs), None).await;
    assert_eq!(r.json()["items"][0]["id"], w.provider_id.as_str());
    let r = api(
        &app,
        "GET",
        &format!("/api/v1/providers/{}", w.provider_id),
        Some(&theirs),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    // Each side's list is its own.
    let r = api(&app, "GET", "/api/v1/providers", Some(&mine), None).await;
    assert_eq!(problem(&r).0, StatusCode::FORBIDDEN);
    let r = api(&app, "DELETE", &one, Some(&theirs), None).await;
    assert_eq!(problem(&r).0, StatusCode::FORBIDDEN);
    let r = api(&app, "DELETE", &one, Some(&mine), None).await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = api(&app, "GET", &one, Some(&mine), None).await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_change_names_its_customer_and_keeps_what_it_leaves_out() {
    let app = crate::common::spawn().await;
    let (w, customer) = customer_of_the_provider_alone(&app).await;
    let secret = token(&app, &w.provider, "Billing", &["global_admin"]).await;
    let base = format!("/api/v1/customers/{customer}/subscriptions");
    let list = api(&app, "GET", &base, Some(&secret), None).await.json();
    let sub = list["items"][0]["id"].as_str().unwrap().to_owned();
    let read = |path: String| {
        let (app, secret) = (&app, secret.clone());
        async move { api(app, "GET", &path, Some(&secret), None).await }
    };
    let patch = |path: String, body: String, tag: String| {
        let (app, secret) = (&app, secret.clone());
        async move {
            let req = http::Request::patch(&path)
                .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::IF_MATCH, tag)
                .body(axum::body::Body::from(body))
                .unwrap();
            app.send(req).await
        }
    };
    let one = format!("{base}/{sub}");
    let tag = read(one.clone()).await.headers[header::ETAG]
        .to_str()
        .unwrap()
        .to_owned();
    // Under another customer's path: not found, nothing written.
    let elsewhere = format!("/api/v1/customers/{}/subscriptions/{sub}", w.provider_id);
    let r = patch(elsewhere, r#"{"licenses": 7}"#.into(), tag.clone()).await;
    assert_eq!(problem(&r).0, StatusCode::NOT_FOUND);
    assert_eq!(read(one.clone()).await.json()["licenses"], 10);
    // The reseller of record stays when only the support contact changes, even after its
    // partnership has ended.
    let r = patch(one.clone(), r#"{"reseller_mpn_id": "9100001"}"#.into(), tag).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let tag = r.headers[header::ETAG].to_str().unwrap().to_owned();
    let ended = api(
        &app,
        "DELETE",
        &format!("/api/v1/resellers/{}", w.reseller_id),
        Some(&secret),
        None,
    )
    .await;
    assert_eq!(ended.status, StatusCode::NO_CONTENT, "{}", ended.body);
    let body = format!(r#"{{"support_contact_id": "{}"}}"#, w.provider_id);
    let r = patch(one.clone(), body, tag).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["reseller"]["mpn_id"], RESELLER_MPN);
}
