//! Who may answer a reseller relationship request, from where, and what accepting one again
//! adds.

use super::{gov_reseller, reseller, us_customer};
use crate::common::{
    customer_via, field_code, form, new_request, provider, refusal, spawn, try_customer,
};
use app::model::InvitePreview;
use http::StatusCode;

#[tokio::test]
async fn a_partner_cannot_accept_a_customer_request() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let other = provider(&app).await;
    let r = app.answer(&other, &token, true, true).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(refusal(&r), "only_customers_accept");
    assert_eq!(app.count("reseller_relationships").await, 0);
}

/// Refused at the country field when the customer is created from this link, and at acceptance
/// for a customer of another region that exists already.
#[tokio::test]
async fn a_customer_of_another_region_is_refused() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let r = try_customer(
        &app,
        &token,
        "Tailspin Inc.",
        "US",
        "tailspin",
        "t@tailspin.example",
    )
    .await;
    assert_eq!(
        field_code(&r, "country").as_deref(),
        Some("region_mismatch")
    );
    let us = us_customer(&app).await;
    let r = app.answer(&us, &token, true, true).await;
    assert_eq!(refusal(&r), "region_mismatch");
    assert_eq!(app.count("reseller_relationships").await, 0);
}

#[tokio::test]
async fn only_the_customers_global_admin_accepts() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let (plain, _) = app
        .user_with_roles(&customer, "user@adatum.example", &[])
        .await;
    let r = app.answer(&plain, &token, true, true).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.json()["Forbidden"].is_array(), "{}", r.body);
    assert_eq!(app.count("reseller_relationships").await, 0);
    // Still open for the right person.
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn a_customers_users_are_global_admins_or_hold_no_role() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app
        .add_user(&customer, "agent@adatum.example", &["admin_agent"])
        .await;
    assert_eq!(
        field_code(&r, "roles").as_deref(),
        Some("role_not_for_customers")
    );
}

#[tokio::test]
async fn a_cloud_mismatch_is_refused() {
    let app = spawn().await;
    let gov = gov_reseller(&app).await;
    let token = new_request(&app, &gov, true).await;
    // Refused at the cloud field when the customer is created from this link…
    let r = try_customer(
        &app,
        &token,
        "Public Inc.",
        "US",
        "publicinc",
        "p@public.example",
    )
    .await;
    assert_eq!(field_code(&r, "cloud").as_deref(), Some("cloud_mismatch"));
    // …and at acceptance for a public-cloud customer that exists already.
    let customer = us_customer(&app).await;
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(refusal(&r), "cloud_mismatch");
}

#[tokio::test]
async fn an_existing_relationship_is_not_duplicated() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let first = new_request(&app, &partner, false).await;
    let customer = customer_via(&app, &first, "Adatum Kft.", "adatum", "e@adatum.example").await;
    assert_eq!(
        app.answer(&customer, &first, true, true).await.status,
        StatusCode::OK
    );

    // The same again: nothing to add, which the link's page says before Accept is pressed.
    let again = new_request(&app, &partner, false).await;
    let seen_by = |cookie: Option<String>, token: String| {
        let app = &app;
        async move {
            let r = app
                .call(
                    "preview_invitation",
                    &form(&[("token", &token)]),
                    cookie.as_deref(),
                )
                .await;
            match r.decode() {
                InvitePreview::Open(open) => open.already,
                other => panic!("not open: {other:?}"),
            }
        }
    };
    assert!(seen_by(Some(customer.clone()), again.clone()).await);
    assert!(
        !seen_by(None, again.clone()).await,
        "nobody signed in: nothing known"
    );
    let r = app.answer(&customer, &again, true, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(refusal(&r), "already_related");
    assert_eq!(app.count("reseller_relationships").await, 1);

    // Asking for delegated admin adds only the grant.
    let with_grant = new_request(&app, &partner, true).await;
    assert!(
        !seen_by(Some(customer.clone()), with_grant.clone()).await,
        "the grant is new"
    );
    let r = app.answer(&customer, &with_grant, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("reseller_relationships").await, 1);
    assert_eq!(app.count("delegated_admin_grants").await, 1);
}
