//! Subscriptions added to an existing customer (W12), where they show, who may add and see
//! them, and their license counts.

use super::{
    RESELLER_MPN, Sold, add_subscriptions, customer_of_the_provider_alone, line,
    new_subscription_form, placed, set_licenses, set_partners, snapshot, sold, subscription_detail,
    subscriptions_of, world,
};
use crate::common::{activity_actions, field_code, form, join_all, refusal, spawn, spawn_with};
use app::model::{CustomerRecordView, SubscriptionId, SubscriptionStatus};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_new_subscription_form_names_the_customer_and_the_providers_resellers() {
    let app = spawn().await;
    let (w, customer_id) = customer_of_the_provider_alone(&app).await;
    let f = new_subscription_form(&app, &w.provider, &customer_id).await;
    assert_eq!(f.customer_name, "Adatum Kft.");
    assert_eq!(f.resellers[0].org_id.to_string(), w.reseller_id);
}

#[tokio::test]
async fn licenses_outside_the_offer_are_refused_and_nothing_is_added() {
    let app = spawn().await;
    let (w, customer_id) = customer_of_the_provider_alone(&app).await;
    let key = new_subscription_form(&app, &w.provider, &customer_id)
        .await
        .request_key;
    let before = snapshot(&app).await;
    let r = add_subscriptions(
        &app,
        &w.provider,
        &customer_id,
        &key,
        Some(&w.reseller_id),
        json!([line(&w.backup, 51)]),
    )
    .await;
    assert_eq!(
        field_code(&r, &format!("licenses-{}", w.backup)).as_deref(),
        Some("licenses_out_of_bounds")
    );
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn a_second_add_with_the_same_key_is_refused() {
    let app = spawn().await;
    let (w, customer_id) = customer_of_the_provider_alone(&app).await;
    let key = new_subscription_form(&app, &w.provider, &customer_id)
        .await
        .request_key;
    let add = || {
        add_subscriptions(
            &app,
            &w.provider,
            &customer_id,
            &key,
            Some(&w.reseller_id),
            json!([line(&w.backup, 20)]),
        )
    };
    let r = add().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.decode::<Vec<SubscriptionId>>().len(), 1);
    let again = add().await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(refusal(&again), "order_already_submitted");
    assert_eq!(app.count("subscriptions").await, 2);
}

#[tokio::test]
async fn an_added_subscription_shows_on_the_customers_subscriptions_and_record() {
    let app = spawn().await;
    let Sold {
        w,
        customer_id,
        backup_sub,
        ..
    } = sold(&app).await;
    let subs = subscriptions_of(&app, &w.provider, &customer_id).await;
    assert_eq!(subs.domain, "adatum.tierlink.example");
    assert!(subs.may_order);
    assert_eq!(subs.rows.len(), 2);
    let row = subs
        .rows
        .iter()
        .find(|r| r.id.to_string() == backup_sub)
        .unwrap();
    assert_eq!(row.offer, "Cloud Backup");
    assert_eq!(row.licenses, 20);
    assert_eq!(row.reseller.as_deref(), Some("Fabrikam Kft."));
    assert_eq!(row.support_contact, "Fabrikam Kft.");
    assert_eq!(row.status, SubscriptionStatus::Active);

    let record = app
        .call(
            "customer_record",
            &form(&[("customer_id", &customer_id)]),
            Some(&w.provider),
        )
        .await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    let record: CustomerRecordView = record.decode();
    let row = record
        .subscriptions
        .iter()
        .find(|r| r.id.to_string() == backup_sub)
        .unwrap();
    assert_eq!(row.offer, "Cloud Backup");
    assert_eq!(row.licenses, 20);
    assert_eq!(row.reseller.as_deref(), Some("Fabrikam Kft."));
    assert!(record.may_order);
    assert_eq!(record.user_count, 1);
    // The provider holds the grant here (no reseller at the first order).
    assert_eq!(record.users.as_ref().map(Vec::len), Some(1));
    let on_reseller = activity_actions(&app, &w.reseller_id).await;
    assert!(on_reseller.iter().any(|a| a == "subscription.added"));
}

#[tokio::test]
async fn a_reseller_adds_no_subscriptions() {
    let app = spawn().await;
    let Sold { w, customer_id, .. } = sold(&app).await;
    let r = add_subscriptions(
        &app,
        &w.reseller,
        &customer_id,
        "by-reseller",
        None,
        json!([line(&w.office, 1)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "providers_only");
}

#[tokio::test]
async fn another_provider_is_told_the_customer_is_not_its_own() {
    let app = spawn().await;
    let Sold {
        w,
        customer_id,
        backup_sub,
        ..
    } = sold(&app).await;
    let other = app
        .enroll("provider", "Litware Kft.", "9100004", "l@litware.example")
        .await;
    let r = add_subscriptions(
        &app,
        &other,
        &customer_id,
        "by-other",
        None,
        json!([line(&w.office, 1)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "not_your_customer");
    for endpoint in [
        "customer_record",
        "customer_subscriptions",
        "new_subscription_form",
    ] {
        let r = app
            .call(
                endpoint,
                &form(&[("customer_id", &customer_id)]),
                Some(&other),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{endpoint}: {}", r.body);
        assert_eq!(refusal(&r), "not_your_customer", "{endpoint}");
    }
    let r = app
        .call(
            "subscription_detail",
            &form(&[
                ("customer_id", &customer_id),
                ("subscription_id", &backup_sub),
            ]),
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = set_licenses(&app, &other, &backup_sub, "30").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(app.count("subscriptions").await, 2);
}

#[tokio::test]
async fn licenses_are_set_within_the_offers_bounds() {
    let app = spawn().await;
    let Sold {
        w,
        customer_id,
        backup_sub,
        ..
    } = sold(&app).await;
    let r = set_licenses(&app, &w.provider, &backup_sub, "30").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for (n, code) in [
        ("51", "licenses_out_of_bounds"),
        ("4", "licenses_out_of_bounds"),
        ("ten", "number_format"),
        ("", "required"),
    ] {
        let r = set_licenses(&app, &w.provider, &backup_sub, n).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{n}: {}",
            r.body
        );
        assert_eq!(field_code(&r, "licenses").as_deref(), Some(code), "{n}");
    }
    let detail = subscription_detail(&app, &w.provider, &customer_id, &backup_sub).await;
    assert_eq!(detail.licenses, 30);
    assert_eq!(detail.offer.name, "Cloud Backup");
    assert!(detail.may_change_partners);
    assert!(detail.may_change_licenses);
}

/// More concurrent writers than pool connections: a write that read through the pool while it
/// held its transaction waited for a connection that every other writer held while waiting for
/// the lock (bursts stalled for the 10 s busy timeout and some answered 500).
#[tokio::test]
async fn more_concurrent_subscription_changes_than_connections_all_succeed_at_once() {
    let app = spawn_with(|c| c.db_max_connections = 2).await;
    let w = world(&app).await;
    let done = placed(
        &app,
        &w.provider,
        Some(&w.reseller_id),
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 10), line(&w.backup, 10)]),
    )
    .await;
    let customer_id = done.customer_id.to_string();
    let subs = subscriptions_of(&app, &w.provider, &customer_id).await;
    let ids: Vec<String> = subs.rows.iter().map(|s| s.id.to_string()).collect();
    assert_eq!(ids.len(), 2);
    let started = std::time::Instant::now();
    let calls = (0..16).map(|i| {
        let app = &app;
        let sub = ids[i % 2].clone();
        let cookie = w.provider.clone();
        let provider_id = w.provider_id.clone();
        let reseller_id = w.reseller_id.clone();
        async move {
            if i % 4 < 2 {
                let n = (20 + i).to_string();
                set_licenses(app, &cookie, &sub, &n).await
            } else {
                let contact = if i % 8 < 4 { provider_id } else { reseller_id };
                set_partners(app, &cookie, &sub, RESELLER_MPN, &contact).await
            }
        }
    });
    let replies = join_all(calls).await;
    for r in &replies {
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let took = started.elapsed();
    assert!(
        took < std::time::Duration::from_secs(5),
        "16 writers on 2 connections took {took:?}"
    );
}

#[tokio::test]
async fn two_people_on_one_subscription_page_do_not_overwrite_each_other() {
    let app = spawn().await;
    let (w, customer) = super::customer_of_the_provider_alone(&app).await;
    let subs = super::subscriptions_of(&app, &w.provider, &customer).await;
    let sub = subs.rows[0].id.to_string();
    // Both read the page (the same version); the first saves.
    let read = super::subscription_detail(&app, &w.provider, &customer, &sub).await;
    let post = |licenses: &'static str, version: String| {
        let (app, cookie, sub) = (&app, w.provider.clone(), sub.clone());
        async move {
            app.call(
                "set_subscription_licenses",
                &form(&[
                    ("subscription_id", &sub),
                    ("licenses", licenses),
                    ("version", &version),
                ]),
                Some(&cookie),
            )
            .await
        }
    };
    let r = post("12", read.version.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // The second, with the page as it was read: refused, told why, nothing overwritten.
    let r = post("20", read.version.clone()).await;
    assert_eq!(r.status, StatusCode::PRECONDITION_FAILED, "{}", r.body);
    assert_eq!(
        r.decode::<app::model::AppError>(),
        app::model::AppError::Refused(app::model::ErrorCode::VersionMismatch)
    );
    let now = super::subscription_detail(&app, &w.provider, &customer, &sub).await;
    assert_eq!(now.licenses, 12);
    // Read again: the change goes through.
    let r = post("20", now.version).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
