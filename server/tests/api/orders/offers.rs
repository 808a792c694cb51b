//! The operator's offer catalog: who keeps it, what a valid offer is, and what withdrawing one
//! does to new orders.

use super::{details, line, new_key, offer_form, place, world};
use crate::common::{field_code, spawn};
use app::model::{BillingTerm, NewCustomerForm, Offer};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_operator_lists_the_catalog_by_name() {
    let app = spawn().await;
    let w = world(&app).await;
    let list = app.call("list_offers", "", Some(&w.op)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let names: Vec<String> = list
        .decode::<Vec<Offer>>()
        .into_iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, ["Cloud Backup", "Office Suite"], "by name");
}

#[tokio::test]
async fn partners_neither_list_nor_change_the_catalog() {
    let app = spawn().await;
    let w = world(&app).await;
    for partner in [&w.provider, &w.reseller] {
        let r = app.call("list_offers", "", Some(partner)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        let body = offer_form("", "Sneaky", "monthly", "1", "2", true);
        let r = app.call("save_offer", &body, Some(partner)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    assert_eq!(app.count("offers").await, 2);
}

#[tokio::test]
async fn a_bad_offer_is_refused_field_by_field() {
    let app = spawn().await;
    let w = world(&app).await;
    let bad = offer_form("", "Office Suite", "weekly", "0", "x", true);
    let r = app.call("save_offer", &bad, Some(&w.op)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(field_code(&r, "name").as_deref(), Some("offer_name_taken"));
    assert_eq!(
        field_code(&r, "billing_term").as_deref(),
        Some("billing_term_unknown")
    );
    assert_eq!(
        field_code(&r, "min_licenses").as_deref(),
        Some("licenses_out_of_bounds")
    );
    assert_eq!(
        field_code(&r, "max_licenses").as_deref(),
        Some("number_format")
    );
    let r = app
        .call(
            "save_offer",
            &offer_form("", "Inverted", "annual", "10", "5", true),
            Some(&w.op),
        )
        .await;
    assert_eq!(
        field_code(&r, "max_licenses").as_deref(),
        Some("licenses_out_of_bounds")
    );
    assert_eq!(app.count("offers").await, 2);
}

#[tokio::test]
async fn a_withdrawn_offer_stays_in_the_catalog_but_is_not_ordered_any_more() {
    let app = spawn().await;
    let w = world(&app).await;
    let r = app
        .call(
            "save_offer",
            &offer_form(&w.backup, "Cloud Backup", "annual", "5", "50", false),
            Some(&w.op),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let all: Vec<Offer> = app.call("list_offers", "", Some(&w.op)).await.decode();
    let backup = all
        .into_iter()
        .find(|o| o.id.to_string() == w.backup)
        .unwrap();
    assert!(!backup.available);
    assert_eq!(backup.billing_term, BillingTerm::Annual);

    let f: NewCustomerForm = app
        .call("new_customer_form", "", Some(&w.provider))
        .await
        .decode();
    let offered: Vec<String> = f.offers.iter().map(|o| o.id.to_string()).collect();
    assert_eq!(offered, [w.office.as_str()]);
    let key = new_key(&app, &w.provider).await;
    let r = place(
        &app,
        &w.provider,
        &key,
        None,
        &details("Adatum Kft.", "adatum", "HU"),
        json!([line(&w.backup, 10)]),
    )
    .await;
    assert_eq!(
        field_code(&r, &format!("licenses-{}", w.backup)).as_deref(),
        Some("offer_withdrawn")
    );
}
