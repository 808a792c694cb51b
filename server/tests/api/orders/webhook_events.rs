//! A new customer and its subscriptions as webhook events, for the provider and the reseller.

use super::{line, placed, set_licenses, world};
use crate::webhooks::{Receiver, app, deliver, register};
use http::StatusCode;

#[tokio::test]
async fn a_new_customer_and_its_subscriptions_are_events_for_both_partners() {
    let app = app().await;
    let w = world(&app).await;
    let (to_provider, to_reseller) = (Receiver::start().await, Receiver::start().await);
    register(
        &app,
        &w.provider,
        &to_provider.url(),
        &[
            "customer_created",
            "subscription_created",
            "subscription_changed",
        ],
    )
    .await;
    register(
        &app,
        &w.reseller,
        &to_reseller.url(),
        &["customer_created", "subscription_created"],
    )
    .await;
    let done = placed(
        &app,
        &w.provider,
        Some(&w.reseller_id),
        "Adatum Kft.",
        "adatum",
        serde_json::json!([line(&w.office, 10)]),
    )
    .await;
    deliver(&app).await;
    for receiver in [&to_provider, &to_reseller] {
        let bodies: Vec<serde_json::Value> = receiver.got().iter().map(|r| r.json()).collect();
        let types: Vec<&str> = bodies.iter().filter_map(|b| b["type"].as_str()).collect();
        assert_eq!(types.len(), 2, "{types:?}");
        assert!(types.contains(&"customer.created") && types.contains(&"subscription.created"));
        let created = bodies
            .iter()
            .find(|b| b["type"] == "customer.created")
            .expect("customer.created");
        assert_eq!(
            created["data"]["customer"]["id"],
            done.customer_id.to_string()
        );
        assert_eq!(created["data"]["reseller"]["id"], w.reseller_id.as_str());
    }
    let sub = to_provider
        .got()
        .iter()
        .map(|r| r.json())
        .find(|b| b["type"] == "subscription.created")
        .expect("subscription.created");
    assert_eq!(sub["data"]["offer"], "Office Suite");
    assert_eq!(sub["data"]["licenses"], 10);
    let sub_id = sub["data"]["subscription_id"]
        .as_str()
        .expect("an id")
        .to_owned();
    let r = set_licenses(&app, &w.provider, &sub_id, "20").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    deliver(&app).await;
    let changed = to_provider.got().pop().expect("a delivery").json();
    assert_eq!(changed["type"], "subscription.changed");
    assert_eq!(changed["data"]["changes"], serde_json::json!(["licenses"]));
    assert_eq!(changed["data"]["licenses"], 20);
    // The reseller did not choose subscription.changed.
    assert_eq!(to_reseller.got().len(), 2);
}
