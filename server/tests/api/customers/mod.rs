//! Reseller relationships with customers (W6–W9, W13): requests, joint invites, the customer who
//! creates its organization from the link and accepts, removal, and the customer's own side. The
//! set-up the files share is here; requesting and creating a customer from a link are in common
//! (the authorization table uses them too).

mod answering;
mod customer_side;
mod ending;
mod joint_invites;
mod requests;

use crate::common::{
    TestApp, customer_via, form, new_request, org_id, provider, reseller, try_customer,
};
use app::model::{CustomerPartnerRow, CustomerRow, InvitePreview, OpenInvite};
use http::StatusCode;

async fn joint_invite(app: &TestApp, reseller: &str, provider_id: &str) -> crate::common::Reply {
    app.call(
        "invite_new_customers",
        &form(&[("provider_id", provider_id), ("ask_delegated_admin", "on")]),
        Some(reseller),
    )
    .await
}

/// What the link's page shows, for a link that can still be answered.
async fn open_preview(app: &TestApp, token: &str) -> OpenInvite {
    let r = app
        .call("preview_invitation", &form(&[("token", token)]), None)
        .await;
    match r.decode() {
        InvitePreview::Open(open) => open,
        other => panic!("not open: {other:?}"),
    }
}

/// The rows of a partner's Customers list, searched.
async fn customers_of(app: &TestApp, partner: &str, search: &str) -> Vec<CustomerRow> {
    let r = app
        .call(
            "list_customers",
            &form(&[("search", search)]),
            Some(partner),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode::<app::model::CustomerPage>().rows
}

/// The customer's Partners page.
async fn partners_of(app: &TestApp, customer: &str) -> Vec<CustomerPartnerRow> {
    let r = app.call("list_my_partners", "", Some(customer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

/// A public-cloud customer in the US, created through a US reseller's request.
async fn us_customer(app: &TestApp) -> String {
    let us_partner = app
        .enroll_in(
            "reseller",
            "Contoso LLC",
            "9100007",
            "c@contoso-us.example",
            "US",
            "public",
        )
        .await;
    let token = new_request(app, &us_partner, true).await;
    let r = try_customer(
        app,
        &token,
        "Tailspin Inc.",
        "US",
        "tailspin",
        "t@tailspin.example",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.session_cookie().expect("cookie")
}

/// A reseller in the US Government cloud.
async fn gov_reseller(app: &TestApp) -> String {
    app.enroll_in(
        "reseller",
        "Gov Reseller LLC",
        "9100009",
        "g@gov.example",
        "US",
        "us-gov",
    )
    .await
}

/// A provider and a reseller in partnership: (provider cookie, reseller cookie, provider id,
/// reseller id).
async fn partnered(app: &TestApp) -> (String, String, String, String) {
    let provider = provider(app).await;
    let partner = reseller(app).await;
    app.partner_up(&provider, &partner).await;
    let provider_id = org_id(app, &provider).await;
    let reseller_id = org_id(app, &partner).await;
    (provider, partner, provider_id, reseller_id)
}

/// The reseller's customer Adatum Kft., created from its request (asking for delegated admin
/// permissions if `ask`) and accepted: (reseller cookie, customer cookie, the request's token).
async fn related(app: &TestApp, ask: bool) -> (String, String, String) {
    let partner = reseller(app).await;
    let token = new_request(app, &partner, ask).await;
    let customer = customer_via(app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    (partner, customer, token)
}
