//! Offers, orders and subscriptions (W10–W12), a customer's users and licenses, and paging
//! through the Customers list. Each file holds one concept; the set-up they share is here: a
//! provider partnered with a reseller, two offers, and helpers that place orders and read what
//! the pages read.

mod customer_users;
mod customers_list;
mod new_customer;
mod new_customer_refusals;
mod notified;
mod offers;
mod submission;
mod subscription_partners;
mod subscriptions;
mod through_the_api;
mod webhook_events;

use crate::common::{Reply, TestApp, form, operator, org_id};
use app::model::{
    CustomerPage, CustomerSubscriptions, NewCustomerDone, NewSubscriptionForm, OfferId, OrgId,
    SubscriptionDetail, SubscriptionId,
};
use http::StatusCode;
use serde_json::{Value, json};
use server::on;

const TENANT: &str = "tierlink.example";
const RESELLER_MPN: &str = "9100001";

fn offer_form(id: &str, name: &str, term: &str, min: &str, max: &str, available: bool) -> String {
    let mut pairs = vec![
        ("form[id]", id),
        ("form[name]", name),
        ("form[description]", "Mail, files and meetings."),
        ("form[billing_term]", term),
        ("form[min_licenses]", min),
        ("form[max_licenses]", max),
    ];
    if available {
        pairs.push(("form[available]", "on"));
    }
    form(&pairs)
}

/// Adds an offer to the catalog: its id.
async fn add_offer(app: &TestApp, op: &str, name: &str, min: u32, max: u32) -> String {
    let body = offer_form(
        "",
        name,
        "monthly",
        &min.to_string(),
        &max.to_string(),
        true,
    );
    let r = app.call("save_offer", &body, Some(op)).await;
    assert_eq!(r.status, StatusCode::OK, "save_offer: {}", r.body);
    r.decode::<OfferId>().to_string()
}

/// A provider (HU) partnered with a reseller, and two offers in the catalog.
struct World {
    provider: String,
    reseller: String,
    provider_id: String,
    reseller_id: String,
    op: String,
    /// 1–300 licenses.
    office: String,
    /// 5–50 licenses.
    backup: String,
}

async fn world(app: &TestApp) -> World {
    let provider = app
        .enroll(
            "provider",
            "Contoso Kft.",
            "9100002",
            "anna@contoso.example",
        )
        .await;
    let reseller = app
        .enroll(
            "reseller",
            "Fabrikam Kft.",
            RESELLER_MPN,
            "lena@fabrikam.example",
        )
        .await;
    app.partner_up(&provider, &reseller).await;
    let provider_id = org_id(app, &provider).await;
    let reseller_id = org_id(app, &reseller).await;
    let op = operator(app).await;
    let office = add_offer(app, &op, "Office Suite", 1, 300).await;
    let backup = add_offer(app, &op, "Cloud Backup", 5, 50).await;
    World {
        provider,
        reseller,
        provider_id,
        reseller_id,
        op,
        office,
        backup,
    }
}

fn details(company: &str, prefix: &str, country: &str) -> Value {
    json!({
        "company": company,
        "domain_prefix": prefix,
        "country": country,
        "address": "Fő utca 1.",
        "city": "Budapest",
        "postal_code": "1011",
        "first_name": "Eszter",
        "last_name": "Kiss",
        "email": "eszter@adatum.example",
        "phone": "+36 1 234 5678",
    })
}

fn line(offer_id: &str, licenses: u32) -> Value {
    json!({ "offer_id": offer_id, "licenses": licenses })
}

/// The request key the New customer page gets with its form.
async fn new_key(app: &TestApp, provider: &str) -> String {
    let r = app.call("new_customer_form", "", Some(provider)).await;
    assert_eq!(r.status, StatusCode::OK, "new_customer_form: {}", r.body);
    r.decode::<app::model::NewCustomerForm>().request_key
}

async fn place(
    app: &TestApp,
    cookie: &str,
    key: &str,
    reseller_id: Option<&str>,
    details: &Value,
    lines: Value,
) -> Reply {
    app.call_json(
        "place_new_customer",
        &json!({
            "request_key": key,
            "reseller_id": reseller_id,
            "details": details,
            "lines": lines,
        }),
        Some(cookie),
    )
    .await
}

/// Places a new customer and expects it to work: the confirmation.
async fn placed(
    app: &TestApp,
    cookie: &str,
    reseller_id: Option<&str>,
    company: &str,
    prefix: &str,
    lines: Value,
) -> NewCustomerDone {
    let key = new_key(app, cookie).await;
    let r = place(
        app,
        cookie,
        &key,
        reseller_id,
        &details(company, prefix, "HU"),
        lines,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "place_new_customer: {}", r.body);
    r.decode()
}

const TABLES: [&str; 10] = [
    "organizations",
    "users",
    "user_roles",
    "customer_profiles",
    "reseller_relationships",
    "delegated_admin_grants",
    "orders",
    "subscriptions",
    "license_assignments",
    "activity_entries",
];

/// Row counts of every table an order writes to.
async fn snapshot(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut out = Vec::new();
    for t in TABLES {
        out.push((t, app.count(t).await));
    }
    out
}

async fn scalar(app: &TestApp, sql: &str, bind: &str) -> i64 {
    let (n,): (i64,) = on!(app.services.pool(), |ex| sqlx::query_as(sql)
        .bind(bind)
        .fetch_one(ex)
        .await)
    .unwrap();
    n
}

/// How many customer organizations there are.
async fn customer_count(app: &TestApp) -> i64 {
    scalar(
        app,
        "SELECT COUNT(*) FROM organizations WHERE kind = $1",
        "customer",
    )
    .await
}

/// Asks for one page of the Customers list.
async fn list_customers(app: &TestApp, cookie: &str, pairs: &[(&str, &str)]) -> Reply {
    app.call("list_customers", &form(pairs), Some(cookie)).await
}

/// One page of the Customers list, as the page gets it.
async fn customer_page(app: &TestApp, cookie: &str, pairs: &[(&str, &str)]) -> CustomerPage {
    let r = list_customers(app, cookie, pairs).await;
    assert_eq!(r.status, StatusCode::OK, "list_customers: {}", r.body);
    r.decode()
}

/// The customers' ids on one page of the list.
fn page_ids(page: &CustomerPage) -> Vec<OrgId> {
    page.rows.iter().map(|r| r.org_id).collect()
}

async fn subscriptions_of(app: &TestApp, cookie: &str, customer_id: &str) -> CustomerSubscriptions {
    let r = app
        .call(
            "customer_subscriptions",
            &form(&[("customer_id", customer_id)]),
            Some(cookie),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "customer_subscriptions: {}",
        r.body
    );
    r.decode()
}

async fn subscription_detail(
    app: &TestApp,
    cookie: &str,
    customer: &str,
    sub: &str,
) -> SubscriptionDetail {
    let r = app
        .call(
            "subscription_detail",
            &form(&[("customer_id", customer), ("subscription_id", sub)]),
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "subscription_detail: {}", r.body);
    r.decode()
}

/// Sets a subscription's license count, as its detail page posts it.
async fn set_licenses(app: &TestApp, cookie: &str, sub: &str, licenses: &str) -> Reply {
    app.call(
        "set_subscription_licenses",
        &form(&[("subscription_id", sub), ("licenses", licenses)]),
        Some(cookie),
    )
    .await
}

/// Sets a subscription's reseller (by MPN ID, or none) and support contact, as its detail page
/// posts them.
async fn set_partners(app: &TestApp, cookie: &str, sub: &str, mpn: &str, contact: &str) -> Reply {
    app.call(
        "set_subscription_partners",
        &form(&[
            ("subscription_id", sub),
            ("reseller_mpn_id", mpn),
            ("support_contact", contact),
        ]),
        Some(cookie),
    )
    .await
}

/// Adatum Kft., placed by the provider without a reseller (so the provider holds the grant),
/// with 10 Office Suite licenses: the world and the customer's id.
async fn customer_of_the_provider_alone(app: &TestApp) -> (World, String) {
    let w = world(app).await;
    let done = placed(
        app,
        &w.provider,
        None,
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 10)]),
    )
    .await;
    (w, done.customer_id.to_string())
}

async fn new_subscription_form(app: &TestApp, cookie: &str, customer: &str) -> NewSubscriptionForm {
    let r = app
        .call(
            "new_subscription_form",
            &form(&[("customer_id", customer)]),
            Some(cookie),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "new_subscription_form: {}",
        r.body
    );
    r.decode()
}

/// Adds subscriptions to a customer, as the New subscription page posts them.
async fn add_subscriptions(
    app: &TestApp,
    cookie: &str,
    customer: &str,
    key: &str,
    reseller: Option<&str>,
    lines: Value,
) -> Reply {
    app.call_json(
        "add_subscriptions",
        &json!({
            "customer_id": customer,
            "request_key": key,
            "lines": lines,
            "reseller_id": reseller,
        }),
        Some(cookie),
    )
    .await
}

/// A customer of the provider alone with two subscriptions: its first order's Office Suite (no
/// reseller, the provider supports it), and Cloud Backup, 20 licenses added later with the
/// reseller.
struct Sold {
    w: World,
    customer_id: String,
    office_sub: String,
    backup_sub: String,
}

async fn sold(app: &TestApp) -> Sold {
    let (w, customer_id) = customer_of_the_provider_alone(app).await;
    let key = new_subscription_form(app, &w.provider, &customer_id)
        .await
        .request_key;
    let r = add_subscriptions(
        app,
        &w.provider,
        &customer_id,
        &key,
        Some(&w.reseller_id),
        json!([line(&w.backup, 20)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "add_subscriptions: {}", r.body);
    let ids: Vec<SubscriptionId> = r.decode();
    assert_eq!(ids.len(), 1);
    let backup_sub = ids[0].to_string();
    let office_sub = subscriptions_of(app, &w.provider, &customer_id)
        .await
        .rows
        .into_iter()
        .find(|r| r.offer == "Office Suite")
        .unwrap()
        .id
        .to_string();
    Sold {
        w,
        customer_id,
        office_sub,
        backup_sub,
    }
}
