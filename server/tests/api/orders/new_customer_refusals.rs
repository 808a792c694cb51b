//! The New customer wizard (W10) when something is wrong: each wrong field is named and nothing
//! is written, the steps check as the submission does, and only providers' ordering roles place
//! orders.

use super::{World, details, line, new_key, place, placed, snapshot, world};
use crate::common::{TestApp, field_code, form, northwind, org_id, refusal, spawn};
use app::model::{DomainCheck, ErrorCode};
use http::StatusCode;
use serde_json::{Value, json};

/// A submission and where it must be refused: (reseller, details, lines, field, code).
type Case<'a> = (Option<&'a str>, Value, Value, &'a str, &'a str);

/// The world with one customer, Existing Kft. (`existing.tierlink.example`), placed already.
async fn world_with_a_customer(app: &TestApp) -> World {
    let w = world(app).await;
    placed(
        app,
        &w.provider,
        None,
        "Existing Kft.",
        "existing",
        json!([line(&w.office, 1)]),
    )
    .await;
    w
}

/// Adatum Kft.'s details, right.
fn good() -> Value {
    details("Adatum Kft.", "adatum", "HU")
}

/// Good details with some fields changed.
fn good_but(changes: &[(&str, &str)]) -> Value {
    let mut d = good();
    for (field, value) in changes {
        d[*field] = json!(value);
    }
    d
}

/// Places each case with one request key: each is refused at its field with its code, and
/// nothing is written.
async fn assert_each_refused(app: &TestApp, w: &World, cases: &[Case<'_>]) {
    let before = snapshot(app).await;
    let key = new_key(app, &w.provider).await;
    for (reseller, d, lines, field, code) in cases {
        let r = place(app, &w.provider, &key, *reseller, d, lines.clone()).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert_eq!(
            field_code(&r, field).as_deref(),
            Some(*code),
            "{field}: {}",
            r.body
        );
        assert_eq!(
            snapshot(app).await,
            before,
            "{field} {code}: nothing written"
        );
    }
}

#[tokio::test]
async fn license_counts_outside_the_offer_and_unknown_or_no_offers_are_refused() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let unknown_offer = uuid::Uuid::now_v7().to_string();
    let office_field = format!("licenses-{}", w.office);
    let backup_field = format!("licenses-{}", w.backup);
    let unknown_field = format!("licenses-{unknown_offer}");
    let cases: Vec<Case> = vec![
        (
            Some(&w.reseller_id),
            good(),
            json!([line(&w.office, 301)]),
            &office_field,
            "licenses_out_of_bounds",
        ),
        (
            None,
            good(),
            json!([line(&w.office, 0)]),
            &office_field,
            "licenses_out_of_bounds",
        ),
        (
            None,
            good(),
            json!([line(&w.office, 2), line(&w.backup, 4)]),
            &backup_field,
            "licenses_out_of_bounds",
        ),
        (
            None,
            good(),
            json!([line(&unknown_offer, 2)]),
            &unknown_field,
            "offer_unknown",
        ),
        (None, good(), json!([]), "offers", "no_offers_chosen"),
    ];
    assert_each_refused(&app, &w, &cases).await;
}

#[tokio::test]
async fn a_taken_or_malformed_domain_is_refused() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let cases: Vec<Case> = vec![
        (
            None,
            details("Other Kft.", "EXISTING", "HU"),
            json!([line(&w.office, 1)]),
            "domain_prefix",
            "domain_taken",
        ),
        (
            None,
            details("Adatum Kft.", "-bad-", "HU"),
            json!([line(&w.office, 1)]),
            "domain_prefix",
            "domain_format",
        ),
    ];
    assert_each_refused(&app, &w, &cases).await;
}

#[tokio::test]
async fn a_country_outside_the_providers_region_or_unknown_is_refused() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let cases: Vec<Case> = vec![
        (
            None,
            details("Adatum Inc.", "adatum", "US"),
            json!([line(&w.office, 1)]),
            "country",
            "region_mismatch",
        ),
        (
            None,
            details("Adatum Kft.", "adatum", "XX"),
            json!([line(&w.office, 1)]),
            "country",
            "country_unknown",
        ),
    ];
    assert_each_refused(&app, &w, &cases).await;
}

#[tokio::test]
async fn a_malformed_phone_or_email_is_refused() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let cases: Vec<Case> = vec![
        (
            None,
            good_but(&[("phone", "call me maybe")]),
            json!([line(&w.office, 1)]),
            "phone",
            "phone_format",
        ),
        (
            None,
            good_but(&[("phone", "+36 12")]),
            json!([line(&w.office, 1)]),
            "phone",
            "phone_format",
        ),
        (
            None,
            good_but(&[("email", "not-an-email"), ("company", "  ")]),
            json!([line(&w.office, 1)]),
            "email",
            "email_format",
        ),
    ];
    assert_each_refused(&app, &w, &cases).await;
}

#[tokio::test]
async fn a_reseller_the_provider_is_not_partnered_with_is_refused() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let stranger = northwind(&app).await;
    let stranger_id = org_id(&app, &stranger).await;
    let cases: Vec<Case> = vec![
        (
            Some(&stranger_id),
            good(),
            json!([line(&w.office, 1)]),
            "reseller",
            "reseller_not_partnered",
        ),
        (
            Some(&w.provider_id),
            good(),
            json!([line(&w.office, 1)]),
            "reseller",
            "reseller_not_partnered",
        ),
    ];
    assert_each_refused(&app, &w, &cases).await;
}

#[tokio::test]
async fn every_empty_field_is_named_at_once() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let stranger = northwind(&app).await;
    let stranger_id = org_id(&app, &stranger).await;
    let key = new_key(&app, &w.provider).await;
    let r = place(
        &app,
        &w.provider,
        &key,
        Some(&stranger_id),
        &json!({
            "company": "", "domain_prefix": "", "country": "", "address": "", "city": "",
            "postal_code": "", "first_name": "", "last_name": "", "email": "", "phone": "",
        }),
        json!([]),
    )
    .await;
    for f in app::model::CustomerDetails::FIELDS {
        assert_eq!(field_code(&r, f).as_deref(), Some("required"), "{f}");
    }
    assert_eq!(
        field_code(&r, "reseller").as_deref(),
        Some("reseller_not_partnered")
    );
    assert_eq!(
        field_code(&r, "offers").as_deref(),
        Some("no_offers_chosen")
    );
}

#[tokio::test]
async fn the_details_step_and_the_domain_check_refuse_as_the_submission_does() {
    let app = spawn().await;
    let w = world_with_a_customer(&app).await;
    let r = app
        .call_json(
            "check_customer_details",
            &json!({ "details": details("Adatum Inc.", "existing", "US") }),
            Some(&w.provider),
        )
        .await;
    assert_eq!(
        field_code(&r, "country").as_deref(),
        Some("region_mismatch")
    );
    assert_eq!(
        field_code(&r, "domain_prefix").as_deref(),
        Some("domain_taken")
    );
    let taken: DomainCheck = app
        .call(
            "check_new_domain",
            &form(&[("prefix", "Existing")]),
            Some(&w.provider),
        )
        .await
        .decode();
    assert!(!taken.available);
    assert_eq!(taken.problem, Some(ErrorCode::DomainTaken));
}

#[tokio::test]
async fn a_reseller_places_no_orders() {
    let app = spawn().await;
    let w = world(&app).await;
    let r = place(
        &app,
        &w.reseller,
        "reseller-key",
        None,
        &good(),
        json!([line(&w.office, 1)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "providers_only");
}

#[tokio::test]
async fn a_provider_user_without_an_ordering_role_places_no_orders() {
    let app = spawn().await;
    let w = world(&app).await;
    let key = new_key(&app, &w.provider).await;
    let (uma, _) = app
        .user_with_roles(
            &w.provider,
            "uma@contoso.example",
            &["user_management_admin"],
        )
        .await;
    let r = place(&app, &uma, &key, None, &good(), json!([line(&w.office, 1)])).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.json()["Forbidden"].is_array(), "{}", r.body);
    assert_eq!(
        app.call("new_customer_form", "", Some(&uma)).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn a_sales_agent_of_the_provider_places_orders() {
    let app = spawn().await;
    let w = world(&app).await;
    let (sales, _) = app
        .user_with_roles(&w.provider, "sales@contoso.example", &["sales_agent"])
        .await;
    placed(
        &app,
        &sales,
        Some(&w.reseller_id),
        "Sales Kft.",
        "sales",
        json!([line(&w.office, 1)]),
    )
    .await;
}

#[tokio::test]
async fn a_malformed_or_anonymous_submission_is_refused() {
    let app = spawn().await;
    let w = world(&app).await;
    let key = new_key(&app, &w.provider).await;
    let r = app
        .call_json("place_new_customer", &json!({}), Some(&w.provider))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = place(
        &app,
        &w.provider,
        "",
        None,
        &good(),
        json!([line(&w.office, 1)]),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::BAD_REQUEST,
        "an empty request key: {}",
        r.body
    );
    let r = place(
        &app,
        "tierlink_session=nobody",
        &key,
        None,
        &good(),
        json!([]),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
}
