//! Reseller relationships with customers (W6–W9, W13): requests, joint invites, the customer who
//! creates its organization from the link and accepts, removal, and the customer's own side.

use crate::common::{
    Reply, TestApp, activity_actions, field_code, form, org_id, provider, refusal, spawn, token_of,
};
use http::StatusCode;
use serde_json::Value;

const PASSWORD: &str = "a long password";

async fn request_relationship(app: &TestApp, partner: &str, ask: bool) -> Reply {
    let body = if ask {
        form(&[("ask_delegated_admin", "on")])
    } else {
        String::new()
    };
    app.call("request_relationship", &body, Some(partner)).await
}

pub(crate) async fn new_request(app: &TestApp, partner: &str, ask: bool) -> String {
    let r = request_relationship(app, partner, ask).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    token_of(&r.json())
}

async fn joint_invite(app: &TestApp, reseller: &str, provider_id: &str) -> Reply {
    app.call(
        "invite_new_customers",
        &form(&[("provider_id", provider_id), ("ask_delegated_admin", "on")]),
        Some(reseller),
    )
    .await
}

/// Creates a customer organization through a link, as the link's page posts it.
async fn try_customer(
    app: &TestApp,
    token: &str,
    name: &str,
    country: &str,
    prefix: &str,
    email: &str,
) -> Reply {
    app.call(
        "enroll_customer",
        &customer_form(token, name, country, prefix, email),
        None,
    )
    .await
}

fn customer_form(token: &str, name: &str, country: &str, prefix: &str, email: &str) -> String {
    form(&[
        ("token", token),
        ("form[legal_name]", name),
        ("form[country]", country),
        ("form[cloud]", "public"),
        ("form[domain_prefix]", prefix),
        ("form[name]", "Eszter Kiss"),
        ("form[email]", email),
        ("form[password]", PASSWORD),
        ("form[time_zone]", "Europe/Budapest"),
    ])
}

/// Creates a customer organization through the link: its Global admin's session cookie.
pub(crate) async fn customer_via(
    app: &TestApp,
    token: &str,
    name: &str,
    prefix: &str,
    email: &str,
) -> String {
    let r = try_customer(app, token, name, "HU", prefix, email).await;
    assert_eq!(r.status, StatusCode::OK, "enroll_customer: {}", r.body);
    r.session_cookie().expect("cookie")
}

async fn answer(app: &TestApp, cookie: &str, token: &str, accept: bool, agree: bool) -> Reply {
    app.answer(cookie, token, accept, agree).await
}

async fn customers_of(app: &TestApp, partner: &str, search: &str) -> Vec<Value> {
    let r = app
        .call(
            "list_customers",
            &form(&[("search", search)]),
            Some(partner),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["rows"].as_array().unwrap().clone()
}

async fn partners_of(app: &TestApp, customer: &str) -> Vec<Value> {
    let r = app.call("list_my_partners", "", Some(customer)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json().as_array().unwrap().clone()
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

async fn reseller(app: &TestApp) -> String {
    app.enroll(
        "reseller",
        "Fabrikam Kft.",
        "9100001",
        "lena@fabrikam.example",
    )
    .await
}

#[tokio::test]
async fn a_new_customer_creates_its_organization_through_the_link_and_accepts() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let r = request_relationship(&app, &partner, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft = r.json();
    let body = draft["body"].as_str().unwrap();
    assert!(body.contains(draft["link"].as_str().unwrap()));
    assert!(body.contains("delegated admin permissions"), "{body}");
    assert!(draft["subject"].as_str().unwrap().contains("Fabrikam Kft."));
    let token = token_of(&draft);

    // The page shows who asks and what.
    let p = app
        .call("preview_invitation", &form(&[("token", &token)]), None)
        .await
        .json();
    assert_eq!(p["Open"]["kind"], "reseller_relationship");
    assert_eq!(p["Open"]["ask_delegated_admin"], true);
    assert_eq!(p["Open"]["from"][0]["mpn_id"], "9100001");
    assert_eq!(p["Open"]["tenant_suffix"], "tierlink.example");

    // The domain is checked as it is typed.
    let check = |prefix: &'static str| {
        let app = &app;
        let token = token.clone();
        async move {
            app.call(
                "check_domain",
                &form(&[("token", &token), ("prefix", prefix)]),
                None,
            )
            .await
            .json()
        }
    };
    let free = check("Adatum").await;
    assert_eq!(free["available"], true);
    assert_eq!(free["domain"], "adatum.tierlink.example");
    assert_eq!(check("-bad-").await["problem"], "domain_format");

    let customer = customer_via(
        &app,
        &token,
        "Adatum Kft.",
        "adatum",
        "eszter@adatum.example",
    )
    .await;
    let me = app.me(&customer).await;
    assert_eq!(me["org_kind"], "customer");
    assert_eq!(me["org_domain"], "adatum.tierlink.example");
    assert_eq!(me["roles"][0], "global-admin");
    assert_eq!(check("ADATUM").await["problem"], "domain_taken");

    // Accept needs the Customer Agreement.
    let r = answer(&app, &customer, &token, true, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_code(&r, "authorize").as_deref(),
        Some("agreement_required")
    );
    assert_eq!(app.count("reseller_relationships").await, 0);

    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["next"], "/partners?accepted=1");
    assert_eq!(app.count("reseller_relationships").await, 1);
    assert_eq!(app.count("delegated_admin_grants").await, 1);
    assert_eq!(app.count("customer_agreements").await, 1);

    let list = customers_of(&app, &partner, "").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["name"], "Adatum Kft.");
    assert_eq!(list[0]["domain"], "adatum.tierlink.example");
    assert_eq!(list[0]["delegated_admin"], true);
    assert_eq!(customers_of(&app, &partner, "ADAT").await.len(), 1);
    assert_eq!(customers_of(&app, &partner, "tierlink.exa").await.len(), 1);
    assert_eq!(customers_of(&app, &partner, "%").await.len(), 0);

    let mine = partners_of(&app, &customer).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["name"], "Fabrikam Kft.");
    assert!(mine[0]["relationship_since"].is_string());
    assert!(mine[0]["grant_since"].is_string());

    let customer_org = org_id(&app, &customer).await;
    let partner_org = org_id(&app, &partner).await;
    let on_customer = activity_actions(&app, &customer_org).await;
    for code in [
        "customer_agreement.accepted",
        "relationship.accepted",
        "delegated_admin.granted",
    ] {
        assert!(
            on_customer.iter().any(|a| a == code),
            "{code}: {on_customer:?}"
        );
    }
    let on_partner = activity_actions(&app, &partner_org).await;
    for code in [
        "relationship.requested",
        "relationship.accepted",
        "delegated_admin.granted",
    ] {
        assert!(
            on_partner.iter().any(|a| a == code),
            "{code}: {on_partner:?}"
        );
    }

    // The link worked once.
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(refusal(&r), "invitation_used");
}

#[tokio::test]
async fn without_delegated_admin_no_grant_and_us_gov_partners_must_ask() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, false).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("delegated_admin_grants").await, 0);
    assert_eq!(
        customers_of(&app, &partner, "").await[0]["delegated_admin"],
        false
    );

    let gov = gov_reseller(&app).await;
    let r = request_relationship(&app, &gov, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal(&r), "delegated_admin_required");
    assert_eq!(
        request_relationship(&app, &gov, true).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn only_a_customer_global_admin_answers_within_region_and_cloud() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;

    // A partner cannot accept.
    let other = provider(&app).await;
    let r = answer(&app, &other, &token, true, true).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(refusal(&r), "only_customers_accept");

    // Another region: refused at the country field when the customer is created from this link,
    // and at acceptance for a customer of another region that exists already.
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
    let r = answer(&app, &us, &token, true, true).await;
    assert_eq!(refusal(&r), "region_mismatch");

    // A customer user without the Global admin role.
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let (plain, _) = app
        .user_with_roles(&customer, "user@adatum.example", &[])
        .await;
    let r = answer(&app, &plain, &token, true, true).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.json()["Forbidden"].is_array(), "{}", r.body);
    // Customers' users are Global admins or hold no role.
    let r = app
        .add_user(&customer, "agent@adatum.example", &["admin_agent"])
        .await;
    assert_eq!(
        field_code(&r, "roles").as_deref(),
        Some("role_not_for_customers")
    );

    assert_eq!(app.count("reseller_relationships").await, 0);
    // Still open for the right person.
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
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
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(refusal(&r), "cloud_mismatch");
}

#[tokio::test]
async fn creating_a_customer_needs_an_open_customer_request_and_good_input() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;

    let r = try_customer(
        &app,
        &"x".repeat(43),
        "Adatum",
        "HU",
        "adatum",
        "e@adatum.example",
    )
    .await;
    assert_eq!(refusal(&r), "invitation_not_valid");
    let provider = provider(&app).await;
    let partnership = app
        .call("request_partnership", "", Some(&provider))
        .await
        .json();
    let r = try_customer(
        &app,
        &token_of(&partnership),
        "Adatum",
        "HU",
        "adatum",
        "e@adatum.example",
    )
    .await;
    assert_eq!(
        refusal(&r),
        "invitation_not_valid",
        "a partnership link creates no customer"
    );

    let r = try_customer(&app, &token, "", "XX", "a", "not-an-email").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_code(&r, "legal_name").as_deref(), Some("required"));
    assert_eq!(
        field_code(&r, "country").as_deref(),
        Some("country_unknown")
    );
    assert_eq!(
        field_code(&r, "domain_prefix").as_deref(),
        Some("domain_format")
    );
    assert_eq!(field_code(&r, "email").as_deref(), Some("email_format"));

    customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = try_customer(
        &app,
        &token,
        "Other Kft.",
        "HU",
        "Adatum",
        "lena@fabrikam.example",
    )
    .await;
    assert_eq!(
        field_code(&r, "domain_prefix").as_deref(),
        Some("domain_taken")
    );
    // Refused for its domain: nothing said about the email, which has an account.
    assert_eq!(field_code(&r, "email"), None);
    let r = try_customer(
        &app,
        &token,
        "Other Kft.",
        "HU",
        "other",
        "lena@fabrikam.example",
    )
    .await;
    assert_eq!(field_code(&r, "email").as_deref(), Some("email_taken"));
    let (orgs,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM organizations WHERE kind = 'customer'")
            .fetch_one(app.services.pool())
            .await
            .unwrap();
    assert_eq!(orgs, 1);
}

#[tokio::test]
async fn a_joint_invite_records_both_relationships_and_grants_the_reseller() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let partner = reseller(&app).await;
    let provider_id = org_id(&app, &provider).await;

    // Not partners yet.
    let r = joint_invite(&app, &partner, &provider_id).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(refusal(&r), "not_partners");
    // Only a reseller sends one.
    let r = joint_invite(&app, &provider, &provider_id).await;
    assert_eq!(refusal(&r), "not_a_reseller");

    app.partner_up(&provider, &partner).await;

    let r = joint_invite(&app, &partner, &provider_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft = r.json();
    assert!(draft["subject"].as_str().unwrap().contains("Contoso Kft."));
    let token = token_of(&draft);
    let preview = app
        .call("preview_invitation", &form(&[("token", &token)]), None)
        .await
        .json();
    assert_eq!(preview["Open"]["kind"], "joint_invite");
    assert_eq!(preview["Open"]["from"][0]["name"], "Fabrikam Kft.");
    assert_eq!(preview["Open"]["from"][1]["name"], "Contoso Kft.");

    // The provider sees it among its invitations, not as its own to re-issue.
    let inv = app
        .call("list_invitations", "", Some(&provider))
        .await
        .json();
    let joint = inv
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "joint_invite")
        .expect("listed for the provider")
        .clone();
    assert_eq!(joint["mine"], false);

    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("reseller_relationships").await, 2);
    let reseller_list = customers_of(&app, &partner, "").await;
    let provider_list = customers_of(&app, &provider, "").await;
    assert_eq!(reseller_list.len(), 1);
    assert_eq!(provider_list.len(), 1);
    assert_eq!(
        reseller_list[0]["delegated_admin"], true,
        "the grant goes to the reseller"
    );
    assert_eq!(provider_list[0]["delegated_admin"], false);
    let resellers = app.call("list_resellers", "", Some(&provider)).await.json();
    assert_eq!(resellers[0]["shared_customers"], 1);
    assert_eq!(partners_of(&app, &customer).await.len(), 2);
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

#[tokio::test]
async fn a_joint_invite_adds_only_what_is_missing_and_tells_every_partner() {
    let app = spawn().await;
    let (_, partner, provider_id, reseller_id) = partnered(&app).await;
    // The customer already has the reseller, with a grant.
    let first = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &first, "Adatum Kft.", "adatum", "e@adatum.example").await;
    answer(&app, &customer, &first, true, true).await;

    let token = token_of(&joint_invite(&app, &partner, &provider_id).await.json());
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.json()["next"],
        "/partners?accepted=1&existing=1",
        "the page says one relationship existed"
    );
    assert_eq!(app.count("reseller_relationships").await, 2);
    assert_eq!(app.count("delegated_admin_grants").await, 1);
    let accepted = activity_actions(&app, &reseller_id)
        .await
        .into_iter()
        .filter(|a| a == "relationship.accepted")
        .count();
    assert_eq!(accepted, 2, "the reseller hears of both acceptances");
    assert!(
        activity_actions(&app, &provider_id)
            .await
            .contains(&"relationship.accepted".to_owned())
    );
}

#[tokio::test]
async fn a_joint_invite_needs_the_partnership_at_acceptance() {
    let app = spawn().await;
    let (provider, partner, provider_id, reseller_id) = partnered(&app).await;
    let token = token_of(&joint_invite(&app, &partner, &provider_id).await.json());
    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &reseller_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = answer(&app, &customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(refusal(&r), "joint_partnership_ended");
    assert_eq!(app.count("reseller_relationships").await, 0);
    // Declining still works.
    let r = answer(&app, &customer, &token, false, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn an_existing_relationship_is_not_duplicated() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let first = new_request(&app, &partner, false).await;
    let customer = customer_via(&app, &first, "Adatum Kft.", "adatum", "e@adatum.example").await;
    assert_eq!(
        answer(&app, &customer, &first, true, true).await.status,
        StatusCode::OK
    );

    // The same again: nothing to add.
    let again = new_request(&app, &partner, false).await;
    let r = answer(&app, &customer, &again, true, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(refusal(&r), "already_related");
    assert_eq!(app.count("reseller_relationships").await, 1);

    // Asking for delegated admin adds only the grant.
    let with_grant = new_request(&app, &partner, true).await;
    let r = answer(&app, &customer, &with_grant, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("reseller_relationships").await, 1);
    assert_eq!(app.count("delegated_admin_grants").await, 1);
}

#[tokio::test]
async fn removing_a_relationship_keeps_the_grant_and_needs_the_role() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    answer(&app, &customer, &token, true, true).await;
    let customer_id = org_id(&app, &customer).await;
    let body = form(&[("customer_id", &customer_id)]);

    let r = app.call("customer_account", &body, Some(&partner)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["domain"], "adatum.tierlink.example");
    assert!(r.json()["delegated_admin_since"].is_string());

    // Another partner sees nothing of it.
    let stranger = app
        .enroll(
            "reseller",
            "Northwind Kft.",
            "9100003",
            "z@northwind.example",
        )
        .await;
    assert_eq!(
        app.call("customer_account", &body, Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("remove_customer_relationship", &body, Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A customer cannot use the partner side.
    assert_eq!(
        refusal(&app.call("list_customers", "", Some(&customer)).await),
        "partners_only"
    );

    let (sales, _) = app
        .user_with_roles(&partner, "sales@fabrikam.example", &["sales_agent"])
        .await;
    let r = app
        .call("remove_customer_relationship", &body, Some(&sales))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let (agent, _) = app
        .user_with_roles(&partner, "agent@fabrikam.example", &["admin_agent"])
        .await;
    let r = app
        .call("remove_customer_relationship", &body, Some(&agent))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    assert!(customers_of(&app, &partner, "").await.is_empty());
    assert_eq!(
        app.call("customer_account", &body, Some(&partner))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mine = partners_of(&app, &customer).await;
    assert_eq!(
        mine.len(),
        1,
        "the grant keeps the partner on the customer's page"
    );
    assert!(mine[0]["relationship_since"].is_null());
    assert!(mine[0]["grant_since"].is_string());
    assert!(
        activity_actions(&app, &customer_id)
            .await
            .contains(&"relationship.removed".to_owned())
    );
}

#[tokio::test]
async fn the_customer_ends_relationships_removes_grants_and_declines_requests() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let partner_id = org_id(&app, &partner).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    answer(&app, &customer, &token, true, true).await;
    let body = form(&[("partner_id", &partner_id)]);

    // Partners cannot use the customer side.
    assert_eq!(
        refusal(
            &app.call("remove_delegated_admin", &body, Some(&partner))
                .await
        ),
        "customers_only"
    );
    // An ordinary customer user cannot change anything.
    let (plain, _) = app
        .user_with_roles(&customer, "user@adatum.example", &[])
        .await;
    assert_eq!(
        app.call("remove_delegated_admin", &body, Some(&plain))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let r = app
        .call("remove_delegated_admin", &body, Some(&customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        customers_of(&app, &partner, "").await[0]["delegated_admin"],
        false
    );
    assert_eq!(
        app.call("remove_delegated_admin", &body, Some(&customer))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let r = app
        .call("end_reseller_relationship", &body, Some(&customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(customers_of(&app, &partner, "").await.is_empty());
    assert!(partners_of(&app, &customer).await.is_empty());
    let on_partner = activity_actions(&app, &partner_id).await;
    assert!(on_partner.contains(&"delegated_admin.removed".to_owned()));
    assert!(on_partner.contains(&"relationship.ended_by_customer".to_owned()));

    // A pending request addressed to one of the customer's users shows, and is declined there.
    let draft = request_relationship(&app, &partner, true).await.json();
    let id = draft["invitation_id"].as_str().unwrap().to_owned();
    let r = app
        .call(
            "set_invitation_recipient",
            &form(&[("id", &id), ("email", "E@Adatum.example")]),
            Some(&partner),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let other = request_relationship(&app, &partner, true).await.json();
    app.call(
        "set_invitation_recipient",
        &form(&[
            ("id", other["invitation_id"].as_str().unwrap()),
            ("email", "someone@else.example"),
        ]),
        Some(&partner),
    )
    .await;
    // Naming the customer's user is not enough to put a request on its page (any partner could):
    // it shows once someone of the customer has opened its link.
    let listed = |cookie: String| {
        let app = &app;
        async move {
            app.call("list_pending_requests", "", Some(&cookie))
                .await
                .json()
        }
    };
    assert_eq!(listed(customer.clone()).await, serde_json::json!([]));
    let r = app
        .call(
            "preview_invitation",
            &form(&[("token", &token_of(&draft))]),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let pending = listed(customer.clone()).await;
    let pending = pending.as_array().unwrap();
    assert_eq!(pending.len(), 1, "only the request it opened");
    assert_eq!(pending[0]["from"][0]["name"], "Fabrikam Kft.");
    // Not someone else's.
    let r = app
        .call(
            "decline_request",
            &form(&[("id", other["invitation_id"].as_str().unwrap())]),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .call("decline_request", &form(&[("id", &id)]), Some(&customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let inv = app
        .call("list_invitations", "", Some(&partner))
        .await
        .json();
    let declined = inv
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(declined["state"], "declined");
    let r = answer(&app, &customer, &token_of(&draft), true, true).await;
    assert_eq!(refusal(&r), "invitation_declined");
}

#[tokio::test]
async fn requests_are_reissued_and_revoked_like_every_invitation() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let draft = request_relationship(&app, &partner, true).await.json();
    let id = draft["invitation_id"].as_str().unwrap().to_owned();
    let r = app
        .call("reissue_invitation", &form(&[("id", &id)]), Some(&partner))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again = r.json();
    assert!(
        again["body"]
            .as_str()
            .unwrap()
            .contains("delegated admin permissions")
    );
    let old = app
        .call(
            "preview_invitation",
            &form(&[("token", &token_of(&draft))]),
            None,
        )
        .await;
    assert_eq!(old.status, StatusCode::NOT_FOUND, "the old link is dead");
    let r = app
        .call("revoke_invitation", &form(&[("id", &id)]), Some(&partner))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = try_customer(
        &app,
        &token_of(&again),
        "Adatum",
        "HU",
        "adatum",
        "e@adatum.example",
    )
    .await;
    assert_eq!(refusal(&r), "invitation_revoked");
}

#[tokio::test]
async fn roles_on_the_partner_side_follow_the_table() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let (uma, _) = app
        .user_with_roles(&partner, "uma@fabrikam.example", &["user_management_admin"])
        .await;
    let r = request_relationship(&app, &uma, true).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let (sales, _) = app
        .user_with_roles(&partner, "sales@fabrikam.example", &["sales_agent"])
        .await;
    assert_eq!(
        request_relationship(&app, &sales, true).await.status,
        StatusCode::OK
    );
    // Everyone sees the list.
    assert!(customers_of(&app, &uma, "").await.is_empty());
}
