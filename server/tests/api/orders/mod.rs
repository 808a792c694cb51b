//! Offers, orders and subscriptions (W10–W12), a customer's users and licenses, and paging
//! through the Customers list.

use crate::common::{
    Reply, TestApp, activity_actions, field_code, form, join_all, operator, org_id, refusal, spawn,
    spawn_with,
};
use http::StatusCode;
use serde_json::{Value, json};

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
    r.json().as_str().expect("an offer id").to_owned()
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
    r.json()["request_key"].as_str().unwrap().to_owned()
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
) -> Value {
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
    r.json()
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
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(bind)
        .fetch_one(app.services.pool())
        .await
        .unwrap();
    n
}

async fn customers_page(app: &TestApp, cookie: &str, pairs: &[(&str, &str)]) -> Reply {
    app.call("list_customers", &form(pairs), Some(cookie)).await
}

/// The customers' ids on one page of the list.
fn page_ids(page: &Value) -> Vec<String> {
    page["rows"]
        .as_array()
        .unwrap_or_else(|| panic!("a page: {page}"))
        .iter()
        .map(|r| r["org_id"].as_str().unwrap().to_owned())
        .collect()
}

async fn subscriptions_of(app: &TestApp, cookie: &str, customer_id: &str) -> Value {
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
    r.json()
}

async fn subscription_detail(app: &TestApp, cookie: &str, customer: &str, sub: &str) -> Value {
    let r = app
        .call(
            "subscription_detail",
            &form(&[("customer_id", customer), ("subscription_id", sub)]),
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "subscription_detail: {}", r.body);
    r.json()
}

#[tokio::test]
async fn only_the_operator_keeps_the_offer_catalog() {
    let app = spawn().await;
    let w = world(&app).await;
    let list = app.call("list_offers", "", Some(&w.op)).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let names: Vec<String> = list
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Cloud Backup", "Office Suite"], "by name");

    for partner in [&w.provider, &w.reseller] {
        let r = app.call("list_offers", "", Some(partner)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
        let body = offer_form("", "Sneaky", "monthly", "1", "2", true);
        let r = app.call("save_offer", &body, Some(partner)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    assert_eq!(app.count("offers").await, 2);

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

    // Withdrawn: kept in the catalog, no longer offered for new orders.
    let r = app
        .call(
            "save_offer",
            &offer_form(&w.backup, "Cloud Backup", "annual", "5", "50", false),
            Some(&w.op),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let all = app.call("list_offers", "", Some(&w.op)).await.json();
    let backup = all
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == w.backup.as_str())
        .unwrap()
        .clone();
    assert_eq!(backup["available"], false);
    assert_eq!(backup["billing_term"], "annual");
    let f = app
        .call("new_customer_form", "", Some(&w.provider))
        .await
        .json();
    let offered: Vec<&str> = f["offers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
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

#[tokio::test]
async fn w10_a_provider_places_a_new_customer_with_a_reseller() {
    let app = spawn().await;
    let w = world(&app).await;

    let f = app
        .call("new_customer_form", "", Some(&w.provider))
        .await
        .json();
    assert_eq!(f["resellers"][0]["name"], "Fabrikam Kft.");
    assert_eq!(f["resellers"][0]["mpn_id"], RESELLER_MPN);
    assert_eq!(f["tenant_suffix"], TENANT);
    assert_eq!(f["offers"].as_array().unwrap().len(), 2);
    assert!(
        f["countries"].as_array().unwrap().iter().any(|c| c == "HU"),
        "{f}"
    );
    assert!(!f["countries"].as_array().unwrap().iter().any(|c| c == "US"));
    let key = f["request_key"].as_str().unwrap().to_owned();

    let check = app
        .call(
            "check_new_domain",
            &form(&[("prefix", "Adatum")]),
            Some(&w.provider),
        )
        .await
        .json();
    assert_eq!(check["available"], true);
    assert_eq!(check["domain"], "adatum.tierlink.example");
    let d = details("Adatum Kft.", "adatum", "HU");
    let r = app
        .call_json(
            "check_customer_details",
            &json!({ "details": d }),
            Some(&w.provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let r = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        json!([line(&w.office, 25), line(&w.backup, 5)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done = r.json();
    assert_eq!(done["admin_user"], "admin@adatum.tierlink.example");
    assert_eq!(done["domain"], "adatum.tierlink.example");
    assert_eq!(done["name"], "Adatum Kft.");
    assert_eq!(done["reseller"], "Fabrikam Kft.");
    assert_eq!(done["subscriptions"], 2);
    let temp = done["temporary_password"].as_str().unwrap().to_owned();
    assert!(temp.len() >= 12, "{temp}");
    let customer_id = done["customer_id"].as_str().unwrap().to_owned();

    // What is in the database.
    let pool = app.services.pool();
    let (kind, domain, country): (String, String, String) =
        sqlx::query_as("SELECT kind, primary_domain, country FROM organizations WHERE id = $1")
            .bind(&customer_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(
        (kind.as_str(), domain.as_str(), country.as_str()),
        ("customer", "adatum.tierlink.example", "HU")
    );
    let customers = scalar(
        &app,
        "SELECT COUNT(*) FROM organizations WHERE kind = $1",
        "customer",
    )
    .await;
    assert_eq!(customers, 1);
    let (city, phone, email): (String, String, String) = sqlx::query_as(
        "SELECT city, contact_phone, contact_email FROM customer_profiles WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(
        (city.as_str(), phone.as_str(), email.as_str()),
        ("Budapest", "+36 1 234 5678", "eszter@adatum.example")
    );
    let users: Vec<(String, String, bool)> = sqlx::query_as(
        "SELECT u.email, r.role, u.must_change_password FROM users u
         JOIN user_roles r ON r.user_id = u.id WHERE u.organization_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        users,
        [(
            "admin@adatum.tierlink.example".to_owned(),
            "global_admin".to_owned(),
            true
        )]
    );
    let mut related: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT partner_id, customer_name_folded FROM reseller_relationships
         WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    related.sort();
    let mut expected = vec![
        (w.provider_id.clone(), Some("adatum kft.".to_owned())),
        (w.reseller_id.clone(), Some("adatum kft.".to_owned())),
    ];
    expected.sort();
    assert_eq!(related, expected, "both resellers of record");
    let grants: Vec<(String,)> = sqlx::query_as(
        "SELECT partner_id FROM delegated_admin_grants WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        grants,
        [(w.reseller_id.clone(),)],
        "the grant goes to the reseller"
    );
    let orders: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT provider_id, reseller_id, request_key FROM orders WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(
        orders,
        [(
            w.provider_id.clone(),
            Some(w.reseller_id.clone()),
            key.clone()
        )]
    );
    let mut subs: Vec<(String, i64, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT offer_id, licenses, provider_id, reseller_id, support_contact_id, status
         FROM subscriptions WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    subs.sort();
    let mut want = vec![
        (
            w.office.clone(),
            25,
            w.provider_id.clone(),
            Some(w.reseller_id.clone()),
            w.reseller_id.clone(),
            "active".to_owned(),
        ),
        (
            w.backup.clone(),
            5,
            w.provider_id.clone(),
            Some(w.reseller_id.clone()),
            w.reseller_id.clone(),
            "active".to_owned(),
        ),
    ];
    want.sort();
    assert_eq!(subs, want);

    let on_customer = activity_actions(&app, &customer_id).await;
    let on_provider = activity_actions(&app, &w.provider_id).await;
    let on_reseller = activity_actions(&app, &w.reseller_id).await;
    for (who, actions, codes) in [
        (
            "customer",
            &on_customer,
            &[
                "customer.created",
                "relationship.created",
                "delegated_admin.granted",
                "subscription.added",
            ][..],
        ),
        (
            "provider",
            &on_provider,
            &[
                "customer.created",
                "relationship.created",
                "subscription.added",
            ][..],
        ),
        (
            "reseller",
            &on_reseller,
            &[
                "relationship.created",
                "delegated_admin.granted",
                "subscription.added",
            ][..],
        ),
    ] {
        for code in codes {
            assert!(
                actions.iter().any(|a| a == code),
                "{who} {code}: {actions:?}"
            );
        }
    }
    assert_eq!(
        on_customer
            .iter()
            .filter(|a| *a == "subscription.added")
            .count(),
        2
    );
    assert!(
        !on_provider.iter().any(|a| a == "delegated_admin.granted"),
        "{on_provider:?}"
    );

    // The customer's admin signs in with the temporary password and must change it first.
    let s = app.sign_in("admin@adatum.tierlink.example", &temp).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    let admin = s.session_cookie().unwrap();
    let me = app.me(&admin).await;
    assert_eq!(me["must_change_password"], true);
    assert_eq!(me["org_kind"], "customer");
    assert_eq!(me["org_id"], customer_id.as_str());
    let r = app.call("list_my_partners", "", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json(), json!("PasswordChangeRequired"));
    let c = app.change_password(&admin, &temp).await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.body);
    let partners = app.call("list_my_partners", "", Some(&admin)).await;
    assert_eq!(partners.status, StatusCode::OK, "{}", partners.body);
    assert_eq!(partners.json().as_array().unwrap().len(), 2);

    // On both partners' Customers lists, and on the provider's filtered by the reseller.
    let p = customers_page(&app, &w.provider, &[]).await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    let p = p.json();
    assert_eq!(page_ids(&p), [customer_id.as_str()]);
    assert_eq!(p["rows"][0]["domain"], "adatum.tierlink.example");
    assert_eq!(p["rows"][0]["delegated_admin"], false);
    let r = customers_page(&app, &w.reseller, &[]).await.json();
    assert_eq!(page_ids(&r), [customer_id.as_str()]);
    assert_eq!(r["rows"][0]["delegated_admin"], true);
    for by in [RESELLER_MPN, "Fabrikam Kft."] {
        let f = customers_page(&app, &w.provider, &[("reseller", by)]).await;
        assert_eq!(f.status, StatusCode::OK, "{}", f.body);
        let f = f.json();
        assert_eq!(page_ids(&f), [customer_id.as_str()], "{by}");
        assert_eq!(f["reseller"]["name"], "Fabrikam Kft.");
        assert_eq!(f["reseller"]["mpn_id"], RESELLER_MPN);
        // The row is the provider's own (shared_customers): its domain, its (absent) grant.
        assert_eq!(f["rows"][0]["domain"], "adatum.tierlink.example");
        assert_eq!(f["rows"][0]["delegated_admin"], false);
    }
    // When the reseller ends its relationship, the customer leaves the filtered list (and stays
    // on the provider's own).
    let body = form(&[("customer_id", &customer_id)]);
    let r = app
        .call("remove_customer_relationship", &body, Some(&w.reseller))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let f = customers_page(&app, &w.provider, &[("reseller", RESELLER_MPN)])
        .await
        .json();
    assert!(page_ids(&f).is_empty());
    let p = customers_page(&app, &w.provider, &[]).await.json();
    assert_eq!(page_ids(&p), [customer_id.as_str()]);
}

#[tokio::test]
async fn w10_without_a_reseller_the_provider_gets_the_grant_and_supports() {
    let app = spawn().await;
    let w = world(&app).await;
    let done = placed(
        &app,
        &w.provider,
        None,
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 3)]),
    )
    .await;
    assert!(done["reseller"].is_null());
    assert_eq!(done["subscriptions"], 1);
    let customer_id = done["customer_id"].as_str().unwrap().to_owned();
    let pool = app.services.pool();
    let related: Vec<(String,)> = sqlx::query_as(
        "SELECT partner_id FROM reseller_relationships WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(related, [(w.provider_id.clone(),)]);
    let grants: Vec<(String,)> = sqlx::query_as(
        "SELECT partner_id FROM delegated_admin_grants WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(grants, [(w.provider_id.clone(),)]);
    let subs: Vec<(Option<String>, String)> = sqlx::query_as(
        "SELECT reseller_id, support_contact_id FROM subscriptions WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(subs, [(None, w.provider_id.clone())]);
    let (reseller,): (Option<String>,) =
        sqlx::query_as("SELECT reseller_id FROM orders WHERE customer_id = $1")
            .bind(&customer_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(reseller, None);

    let p = customers_page(&app, &w.provider, &[]).await.json();
    assert_eq!(p["rows"][0]["delegated_admin"], true);
    let r = customers_page(&app, &w.reseller, &[]).await.json();
    assert!(page_ids(&r).is_empty(), "the reseller is not related");
    let f = customers_page(&app, &w.provider, &[("reseller", RESELLER_MPN)])
        .await
        .json();
    assert!(page_ids(&f).is_empty());

    let subs = subscriptions_of(&app, &w.provider, &customer_id).await;
    assert_eq!(subs["rows"][0]["support_contact"], "Contoso Kft.");
    assert!(subs["rows"][0]["reseller"].is_null());
}

#[tokio::test]
async fn w10_bad_input_is_refused_field_by_field_and_nothing_is_written() {
    let app = spawn().await;
    let w = world(&app).await;
    placed(
        &app,
        &w.provider,
        None,
        "Existing Kft.",
        "existing",
        json!([line(&w.office, 1)]),
    )
    .await;
    let stranger = app
        .enroll(
            "reseller",
            "Northwind Kft.",
            "9100003",
            "z@northwind.example",
        )
        .await;
    let stranger_id = org_id(&app, &stranger).await;
    let before = snapshot(&app).await;
    let key = new_key(&app, &w.provider).await;
    let good = details("Adatum Kft.", "adatum", "HU");
    let unknown_offer = uuid::Uuid::now_v7().to_string();
    let office_field = format!("licenses-{}", w.office);
    let backup_field = format!("licenses-{}", w.backup);
    let unknown_field = format!("licenses-{unknown_offer}");

    let cases: Vec<(Option<&str>, Value, Value, &str, &str)> = vec![
        (
            Some(&w.reseller_id),
            good.clone(),
            json!([line(&w.office, 301)]),
            &office_field,
            "licenses_out_of_bounds",
        ),
        (
            None,
            good.clone(),
            json!([line(&w.office, 0)]),
            &office_field,
            "licenses_out_of_bounds",
        ),
        (
            None,
            good.clone(),
            json!([line(&w.office, 2), line(&w.backup, 4)]),
            &backup_field,
            "licenses_out_of_bounds",
        ),
        (
            None,
            good.clone(),
            json!([line(&unknown_offer, 2)]),
            &unknown_field,
            "offer_unknown",
        ),
        (None, good.clone(), json!([]), "offers", "no_offers_chosen"),
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
        (
            None,
            {
                let mut d = good.clone();
                d["phone"] = json!("call me maybe");
                d
            },
            json!([line(&w.office, 1)]),
            "phone",
            "phone_format",
        ),
        (
            None,
            {
                let mut d = good.clone();
                d["phone"] = json!("+36 12");
                d
            },
            json!([line(&w.office, 1)]),
            "phone",
            "phone_format",
        ),
        (
            None,
            {
                let mut d = good.clone();
                d["email"] = json!("not-an-email");
                d["company"] = json!("  ");
                d
            },
            json!([line(&w.office, 1)]),
            "email",
            "email_format",
        ),
        (
            Some(&stranger_id),
            good.clone(),
            json!([line(&w.office, 1)]),
            "reseller",
            "reseller_not_partnered",
        ),
        (
            Some(&w.provider_id),
            good.clone(),
            json!([line(&w.office, 1)]),
            "reseller",
            "reseller_not_partnered",
        ),
    ];
    for (reseller, d, lines, field, code) in &cases {
        let r = place(&app, &w.provider, &key, *reseller, d, lines.clone()).await;
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
            snapshot(&app).await,
            before,
            "{field} {code}: nothing written"
        );
    }
    // Every field at once, each named.
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
    for f in [
        "company",
        "domain_prefix",
        "country",
        "address",
        "city",
        "postal_code",
        "first_name",
        "last_name",
        "email",
        "phone",
    ] {
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
    // The details step checks the same way.
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
    let taken = app
        .call(
            "check_new_domain",
            &form(&[("prefix", "Existing")]),
            Some(&w.provider),
        )
        .await
        .json();
    assert_eq!(taken["available"], false);
    assert_eq!(taken["problem"], "domain_taken");

    // A reseller places no orders; nor does a provider user without an ordering role.
    let r = place(
        &app,
        &w.reseller,
        "reseller-key",
        None,
        &good,
        json!([line(&w.office, 1)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "providers_only");
    let (uma, _) = app
        .user_with_roles(
            &w.provider,
            "uma@contoso.example",
            &["user_management_admin"],
        )
        .await;
    let r = place(&app, &uma, &key, None, &good, json!([line(&w.office, 1)])).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.json()["Forbidden"].is_array(), "{}", r.body);
    assert_eq!(
        app.call("new_customer_form", "", Some(&uma)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .call_json("place_new_customer", &json!({}), Some(&w.provider))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    let r = place(
        &app,
        &w.provider,
        "",
        None,
        &good,
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
        &good,
        json!([]),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);

    // A Sales agent may.
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn w10_submitting_twice_creates_one_customer() {
    let app = spawn().await;
    let w = world(&app).await;
    let key = new_key(&app, &w.provider).await;
    let d = details("Adatum Kft.", "adatum", "HU");
    let lines = json!([line(&w.office, 2)]);
    let t = std::time::Instant::now();
    let first = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        lines.clone(),
    )
    .await;
    let one_order = t.elapsed();
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        lines.clone(),
    )
    .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert_eq!(refusal(&second), "order_already_submitted");
    assert_eq!(app.count("orders").await, 1);
    let customers = "SELECT COUNT(*) FROM organizations WHERE kind = $1";
    assert_eq!(scalar(&app, customers, "customer").await, 1);

    // Both at once, the second a little later each time until it comes after the first ended:
    // whenever it arrives, one customer is created and the other submission is told so (not,
    // say, that the first one's domain is taken).
    let steps = u64::try_from(one_order.as_micros() / 100 + 20)
        .unwrap()
        .min(400);
    for i in 0..steps {
        let key = new_key(&app, &w.provider).await;
        let d = details("Twin Kft.", &format!("twin{i}"), "HU");
        let later = std::time::Duration::from_micros(i * 100);
        let (a, b) = tokio::join!(
            place(&app, &w.provider, &key, None, &d, lines.clone()),
            async {
                tokio::time::sleep(later).await;
                place(&app, &w.provider, &key, None, &d, lines.clone()).await
            },
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{i}: {}\n{}",
            a.body,
            b.body
        );
        let loser = if a.status == StatusCode::OK { &b } else { &a };
        assert_eq!(refusal(loser), "order_already_submitted", "{}", loser.body);
        let domain = format!("twin{i}.{TENANT}");
        let n = scalar(
            &app,
            "SELECT COUNT(*) FROM organizations WHERE primary_domain = $1",
            &domain,
        )
        .await;
        assert_eq!(n, 1);
    }
    let n = i64::try_from(steps).unwrap();
    assert_eq!(scalar(&app, customers, "customer").await, 1 + n);
    assert_eq!(app.count("orders").await, 1 + n);
    assert_eq!(app.count("subscriptions").await, 1 + n);
}

#[tokio::test]
async fn w10_a_new_customer_is_written_in_one_transaction() {
    let app = spawn().await;
    let w = world(&app).await;
    let before = snapshot(&app).await;
    sqlx::query(
        "CREATE TRIGGER fail_subs BEFORE INSERT ON subscriptions
         BEGIN SELECT RAISE(ABORT, 'injected'); END;",
    )
    .execute(app.services.pool())
    .await
    .unwrap();
    let key = new_key(&app, &w.provider).await;
    let d = details("Adatum Kft.", "adatum", "HU");
    let lines = json!([line(&w.office, 2), line(&w.backup, 5)]);
    let r = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        lines.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.body);
    assert!(
        !r.body.contains("injected"),
        "no internals on the wire: {}",
        r.body
    );
    assert_eq!(snapshot(&app).await, before, "nothing of it remains");

    sqlx::query("DROP TRIGGER fail_subs")
        .execute(app.services.pool())
        .await
        .unwrap();
    let r = place(&app, &w.provider, &key, Some(&w.reseller_id), &d, lines).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("subscriptions").await, 2);
    assert_eq!(app.count("orders").await, 1);
    assert_eq!(app.count("customer_profiles").await, 1);
}

#[tokio::test]
async fn w12_a_provider_adds_subscriptions_and_sets_their_partners_and_licenses() {
    let app = spawn().await;
    let w = world(&app).await;
    let done = placed(
        &app,
        &w.provider,
        None,
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 10)]),
    )
    .await;
    let customer_id = done["customer_id"].as_str().unwrap().to_owned();

    let f = app
        .call(
            "new_subscription_form",
            &form(&[("customer_id", &customer_id)]),
            Some(&w.provider),
        )
        .await;
    assert_eq!(f.status, StatusCode::OK, "{}", f.body);
    let f = f.json();
    assert_eq!(f["customer_name"], "Adatum Kft.");
    assert_eq!(f["resellers"][0]["org_id"], w.reseller_id.as_str());
    let key = f["request_key"].as_str().unwrap().to_owned();
    let add = |key: String, reseller: Option<String>, lines: Value, cookie: String| {
        let app = &app;
        let customer_id = customer_id.clone();
        async move {
            app.call_json(
                "add_subscriptions",
                &json!({
                    "customer_id": customer_id,
                    "request_key": key,
                    "lines": lines,
                    "reseller_id": reseller,
                }),
                Some(&cookie),
            )
            .await
        }
    };
    let before = snapshot(&app).await;
    let r = add(
        key.clone(),
        Some(w.reseller_id.clone()),
        json!([line(&w.backup, 51)]),
        w.provider.clone(),
    )
    .await;
    assert_eq!(
        field_code(&r, &format!("licenses-{}", w.backup)).as_deref(),
        Some("licenses_out_of_bounds")
    );
    assert_eq!(snapshot(&app).await, before);

    let r = add(
        key.clone(),
        Some(w.reseller_id.clone()),
        json!([line(&w.backup, 20)]),
        w.provider.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let ids = r.json();
    assert_eq!(ids.as_array().unwrap().len(), 1);
    let backup_sub = ids[0].as_str().unwrap().to_owned();
    let again = add(
        key,
        Some(w.reseller_id.clone()),
        json!([line(&w.backup, 20)]),
        w.provider.clone(),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(refusal(&again), "order_already_submitted");
    assert_eq!(app.count("subscriptions").await, 2);

    let subs = subscriptions_of(&app, &w.provider, &customer_id).await;
    assert_eq!(subs["domain"], "adatum.tierlink.example");
    assert_eq!(subs["may_order"], true);
    let rows = subs["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let row = rows
        .iter()
        .find(|r| r["id"] == backup_sub.as_str())
        .unwrap();
    assert_eq!(row["offer"], "Cloud Backup");
    assert_eq!(row["licenses"], 20);
    assert_eq!(row["reseller"], "Fabrikam Kft.");
    assert_eq!(row["support_contact"], "Fabrikam Kft.");
    assert_eq!(row["status"], "active");
    let record = app
        .call(
            "customer_record",
            &form(&[("customer_id", &customer_id)]),
            Some(&w.provider),
        )
        .await;
    assert_eq!(record.status, StatusCode::OK, "{}", record.body);
    let record = record.json();
    let row = record["subscriptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == backup_sub.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["offer"], "Cloud Backup");
    assert_eq!(row["licenses"], 20);
    assert_eq!(row["reseller"], "Fabrikam Kft.");
    assert_eq!(record["may_order"], true);
    assert_eq!(record["user_count"], 1);
    // The provider holds the grant here (no reseller at the first order).
    assert_eq!(record["users"].as_array().unwrap().len(), 1);
    let on_reseller = activity_actions(&app, &w.reseller_id).await;
    assert!(on_reseller.iter().any(|a| a == "subscription.added"));

    // A reseller adds no subscriptions; another provider is told it is not its customer.
    let r = add(
        "by-reseller".into(),
        None,
        json!([line(&w.office, 1)]),
        w.reseller.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "providers_only");
    let other = app
        .enroll("provider", "Litware Kft.", "9100004", "l@litware.example")
        .await;
    let r = add(
        "by-other".into(),
        None,
        json!([line(&w.office, 1)]),
        other.clone(),
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
    let r = app
        .call(
            "set_subscription_licenses",
            &form(&[("subscription_id", &backup_sub), ("licenses", "30")]),
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(app.count("subscriptions").await, 2);

    // Licenses within the offer's bounds.
    let set_licenses = |n: &'static str| {
        let app = &app;
        let body = form(&[("subscription_id", &backup_sub), ("licenses", n)]);
        let cookie = w.provider.clone();
        async move {
            app.call("set_subscription_licenses", &body, Some(&cookie))
                .await
        }
    };
    let r = set_licenses("30").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for (n, code) in [
        ("51", "licenses_out_of_bounds"),
        ("4", "licenses_out_of_bounds"),
        ("ten", "number_format"),
        ("", "required"),
    ] {
        let r = set_licenses(n).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{n}: {}",
            r.body
        );
        assert_eq!(field_code(&r, "licenses").as_deref(), Some(code), "{n}");
    }
    let detail = subscription_detail(&app, &w.provider, &customer_id, &backup_sub).await;
    assert_eq!(detail["licenses"], 30);
    assert_eq!(detail["offer"]["name"], "Cloud Backup");
    assert_eq!(detail["may_change_partners"], true);
    assert_eq!(detail["may_change_licenses"], true);

    // The reseller's MPN ID, checked as it is typed.
    let check = |mpn: &'static str| {
        let app = &app;
        let cookie = w.provider.clone();
        async move {
            let r = app
                .call(
                    "check_reseller_mpn",
                    &form(&[("mpn_id", mpn)]),
                    Some(&cookie),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{mpn}: {}", r.body);
            r.json()
        }
    };
    assert_eq!(check("12ab").await["problem"], "mpn_id_format");
    assert_eq!(check("7777777").await["problem"], "reseller_unknown");
    app.enroll(
        "reseller",
        "Northwind Kft.",
        "9100003",
        "z@northwind.example",
    )
    .await;
    assert_eq!(check("9100003").await["problem"], "reseller_not_partnered");
    assert_eq!(
        check("9100004").await["problem"],
        "reseller_unknown",
        "a provider's MPN ID names no reseller"
    );
    let ok = check(" 9100001 ").await;
    assert!(ok["problem"].is_null(), "{ok}");
    assert_eq!(ok["reseller"]["name"], "Fabrikam Kft.");
    assert_eq!(ok["reseller"]["org_id"], w.reseller_id.as_str());
    let r = app
        .call(
            "check_reseller_mpn",
            &form(&[("mpn_id", "9100001")]),
            Some(&w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Reseller (MPN ID) and Designated support contact of the first subscription.
    let office_sub = subs["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["offer"] == "Office Suite")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let set_partners = |mpn: &str, contact: &str| {
        let app = &app;
        let body = form(&[
            ("subscription_id", &office_sub),
            ("reseller_mpn_id", mpn),
            ("support_contact", contact),
        ]);
        let cookie = w.provider.clone();
        async move {
            app.call("set_subscription_partners", &body, Some(&cookie))
                .await
        }
    };
    let before = snapshot(&app).await;
    for (mpn, code) in [
        ("9100003", "reseller_not_partnered"),
        ("7777777", "reseller_unknown"),
        ("abc", "mpn_id_format"),
    ] {
        let r = set_partners(mpn, &w.reseller_id).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            field_code(&r, "reseller_mpn_id").as_deref(),
            Some(code),
            "{mpn}"
        );
    }
    let random = uuid::Uuid::now_v7().to_string();
    for contact in [random.as_str(), "nonsense", &customer_id] {
        let r = set_partners(RESELLER_MPN, contact).await;
        assert_eq!(
            field_code(&r, "support_contact").as_deref(),
            Some("support_contact_unknown"),
            "{contact}: {}",
            r.body
        );
    }
    assert_eq!(snapshot(&app).await, before, "nothing changed");
    let detail = subscription_detail(&app, &w.provider, &customer_id, &office_sub).await;
    assert!(detail["reseller"].is_null());
    assert_eq!(detail["support_contact"], w.provider_id.as_str());

    let r = set_partners(RESELLER_MPN, &w.reseller_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let detail = subscription_detail(&app, &w.provider, &customer_id, &office_sub).await;
    assert_eq!(detail["reseller"]["org_id"], w.reseller_id.as_str());
    assert_eq!(detail["reseller"]["mpn_id"], RESELLER_MPN);
    assert_eq!(detail["support_contact"], w.reseller_id.as_str());
    let choices: Vec<&str> = detail["contact_choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["org_id"].as_str().unwrap())
        .collect();
    assert_eq!(choices, [w.provider_id.as_str(), w.reseller_id.as_str()]);
    let on_reseller = activity_actions(&app, &w.reseller_id).await;
    for code in [
        "subscription.reseller_set",
        "subscription.support_contact_set",
    ] {
        assert!(
            on_reseller.iter().any(|a| a == code),
            "{code}: {on_reseller:?}"
        );
    }
    // Cleared again: the provider supports it itself.
    let r = set_partners("", &w.provider_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let detail = subscription_detail(&app, &w.provider, &customer_id, &office_sub).await;
    assert!(detail["reseller"].is_null());
    assert_eq!(detail["support_contact"], w.provider_id.as_str());
    // Only the provider that sold it.
    let r = app
        .call(
            "set_subscription_partners",
            &form(&[
                ("subscription_id", &office_sub),
                ("reseller_mpn_id", ""),
                ("support_contact", &w.reseller_id),
            ]),
            Some(&w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}

#[tokio::test]
async fn a_partner_with_delegated_admin_manages_the_customers_users_and_licenses() {
    let app = spawn().await;
    let w = world(&app).await;
    let done = placed(
        &app,
        &w.provider,
        Some(&w.reseller_id),
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 2)]),
    )
    .await;
    let customer_id = done["customer_id"].as_str().unwrap().to_owned();
    let admin_temp = done["temporary_password"].as_str().unwrap().to_owned();
    let view = |cookie: String| {
        let app = &app;
        let customer_id = customer_id.clone();
        async move {
            let r = app
                .call(
                    "customer_users",
                    &form(&[("customer_id", &customer_id)]),
                    Some(&cookie),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "customer_users: {}", r.body);
            r.json()
        }
    };
    let v = view(w.reseller.clone()).await;
    assert_eq!(v["domain"], "adatum.tierlink.example");
    let sub = v["subscriptions"][0]["id"].as_str().unwrap().to_owned();
    let admin_id = v["users"][0]["id"].as_str().unwrap().to_owned();
    assert_eq!(v["users"][0]["global_admin"], true);

    let add_user = |name: &'static str, email: &'static str| {
        let app = &app;
        let body = form(&[
            ("customer_id", &customer_id),
            ("name", name),
            ("email", email),
        ]);
        let cookie = w.reseller.clone();
        async move { app.call("add_customer_user", &body, Some(&cookie)).await }
    };
    let r = add_user("Béla Nagy", "bela@adatum.example").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let bela_temp = r.json()["temporary_password"].as_str().unwrap().to_owned();
    let r = add_user("Béla Nagy", "BELA@adatum.example").await;
    assert_eq!(field_code(&r, "email").as_deref(), Some("email_taken"));
    let r = add_user("", "nope").await;
    assert_eq!(field_code(&r, "name").as_deref(), Some("required"));
    assert_eq!(field_code(&r, "email").as_deref(), Some("email_format"));
    let r = add_user("Cecília Tóth", "cili@adatum.example").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = view(w.reseller.clone()).await;
    let id_of = |email: &str| {
        v["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["email"] == email)
            .unwrap_or_else(|| panic!("{email}: {v}"))["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let bela = id_of("bela@adatum.example");
    let cili = id_of("cili@adatum.example");
    let (must_change, roles): (bool, i64) = sqlx::query_as(
        "SELECT must_change_password, (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = u.id)
         FROM users u WHERE id = $1",
    )
    .bind(&bela)
    .fetch_one(app.services.pool())
    .await
    .unwrap();
    assert!(must_change);
    assert_eq!(roles, 0, "added users hold no role");

    let license = |cookie: &str, user: &str, assign: bool| {
        let app = &app;
        let body = form(&[
            ("customer_id", &customer_id),
            ("user_id", user),
            ("subscription_id", &sub),
            ("assign", if assign { "true" } else { "false" }),
        ]);
        let cookie = cookie.to_owned();
        async move { app.call("set_customer_license", &body, Some(&cookie)).await }
    };
    for user in [&admin_id, &bela] {
        let r = license(&w.reseller, user, true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    // Twice is no second license.
    let r = license(&w.reseller, &bela, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = license(&w.reseller, &bela, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = license(&w.reseller, &cili, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(refusal(&r), "licenses_exhausted");
    assert_eq!(app.count("license_assignments").await, 2);
    let v = view(w.reseller.clone()).await;
    assert_eq!(v["subscriptions"][0]["assigned"], 2);
    let bela_row = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == bela.as_str())
        .unwrap()
        .clone();
    assert_eq!(bela_row["licenses"], json!([sub.clone()]));

    // Fewer licenses than assigned: refused; more: then Cecília gets one.
    let set = |n: &'static str| {
        let app = &app;
        let body = form(&[("subscription_id", &sub), ("licenses", n)]);
        let cookie = w.provider.clone();
        async move {
            app.call("set_subscription_licenses", &body, Some(&cookie))
                .await
        }
    };
    let r = set("1").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        field_code(&r, "licenses").as_deref(),
        Some("licenses_in_use")
    );
    let r = license(&w.reseller, &bela, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = license(&w.reseller, &cili, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = set("3").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = license(&w.reseller, &bela, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = set("2").await;
    assert_eq!(
        field_code(&r, "licenses").as_deref(),
        Some("licenses_in_use")
    );
    let on_customer = activity_actions(&app, &customer_id).await;
    for code in [
        "customer_user.added",
        "license.assigned",
        "license.unassigned",
        "subscription.licenses_changed",
    ] {
        assert!(
            on_customer.iter().any(|a| a == code),
            "{code}: {on_customer:?}"
        );
    }

    // A reset password ends the user's sessions; the new temporary one works.
    let s = app.sign_in("bela@adatum.example", &bela_temp).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    let bela_session = s.session_cookie().unwrap();
    assert_eq!(app.me(&bela_session).await["must_change_password"], true);
    let r = app
        .call(
            "reset_customer_password",
            &form(&[("customer_id", &customer_id), ("user_id", &bela)]),
            Some(&w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["email"], "bela@adatum.example");
    let new_temp = r.json()["temporary_password"].as_str().unwrap().to_owned();
    assert_ne!(new_temp, bela_temp);
    assert!(app.me(&bela_session).await.is_null(), "signed out");
    assert_ne!(
        app.sign_in("bela@adatum.example", &bela_temp).await.status,
        StatusCode::OK
    );
    let s = app.sign_in("bela@adatum.example", &new_temp).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    let c = s.session_cookie().unwrap();
    assert_eq!(app.me(&c).await["must_change_password"], true);
    assert_eq!(
        app.change_password(&c, &new_temp).await.status,
        StatusCode::OK
    );
    // Never the customer's Global admin: its temporary password would hand the partner the
    // customer organization, and with it the grant only the customer may end.
    let r = app
        .call(
            "reset_customer_password",
            &form(&[("customer_id", &customer_id), ("user_id", &admin_id)]),
            Some(&w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "global_admin_not_managed");
    // Not a user of this customer.
    let reseller_user = app.me(&w.reseller).await["user_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = app
        .call(
            "reset_customer_password",
            &form(&[("customer_id", &customer_id), ("user_id", &reseller_user)]),
            Some(&w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // The provider has a relationship but no grant; a stranger has neither.
    let r = add_user_as(&app, &w.provider, &customer_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "delegated_admin_missing");
    let r = license(&w.provider, &cili, false).await;
    assert_eq!(refusal(&r), "delegated_admin_missing");
    let record = app
        .call(
            "customer_record",
            &form(&[("customer_id", &customer_id)]),
            Some(&w.provider),
        )
        .await
        .json();
    assert!(record["users"].is_null(), "{record}");
    assert_eq!(record["user_count"], 3);
    let stranger = app
        .enroll(
            "reseller",
            "Northwind Kft.",
            "9100003",
            "z@northwind.example",
        )
        .await;
    let r = add_user_as(&app, &stranger, &customer_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "not_your_customer");
    let r = app
        .call(
            "customer_users",
            &form(&[("customer_id", &customer_id)]),
            Some(&stranger),
        )
        .await;
    assert_eq!(refusal(&r), "not_your_customer");
    // A Sales agent of the reseller holds the grant's organization but not the role.
    let (sales, _) = app
        .user_with_roles(&w.reseller, "sales@fabrikam.example", &["sales_agent"])
        .await;
    let r = add_user_as(&app, &sales, &customer_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.json()["Forbidden"].is_array(), "{}", r.body);
    // The customer's own admin uses its own pages, not these.
    let s = app
        .sign_in("admin@adatum.tierlink.example", &admin_temp)
        .await
        .session_cookie()
        .unwrap();
    app.change_password(&s, &admin_temp).await;
    let r = add_user_as(&app, &s, &customer_id).await;
    assert_eq!(refusal(&r), "partners_only");
    let customer_users = scalar(
        &app,
        "SELECT COUNT(*) FROM users WHERE organization_id = $1",
        &customer_id,
    )
    .await;
    assert_eq!(
        customer_users, 3,
        "the admin, Béla and Cecília; no intruder"
    );
}

async fn add_user_as(app: &TestApp, cookie: &str, customer_id: &str) -> Reply {
    app.call(
        "add_customer_user",
        &form(&[
            ("customer_id", customer_id),
            ("name", "Intruder"),
            ("email", "intruder@adatum.example"),
        ]),
        Some(cookie),
    )
    .await
}

/// One customer inserted directly.
struct Seeded {
    id: String,
    /// Folded.
    name: String,
    since: i64,
    /// Also the reseller's customer.
    shared: bool,
}

#[tokio::test]
async fn the_customers_list_pages_by_keyset_in_every_order() {
    let app = spawn().await;
    let w = world(&app).await;
    let pool = app.services.pool();
    // 120 customers. Dates repeat in threes and names in pairs, so that the id decides ties;
    // ids are handed out in an order unrelated to either.
    let ids: Vec<String> = (0..120).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let mut seeded = Vec::new();
    for i in 0..120usize {
        let id = ids[(i * 7) % 120].clone();
        let name = format!("Customer {:03}", (i * 37) % 60);
        let since = crate::common::START_MS - 86_400_000 + i64::try_from(i / 3).unwrap() * 60_000;
        sqlx::query(
            "INSERT INTO organizations (id, kind, legal_name, name_folded, country, cloud, created_at, primary_domain)
             VALUES ($1, 'customer', $2, $3, 'HU', 'public', $4, $5)",
        )
        .bind(&id)
        .bind(&name)
        .bind(name.to_lowercase())
        .bind(since)
        .bind(format!("c{i:03}.{TENANT}"))
        .execute(pool)
        .await
        .unwrap();
        // With the copies of the customer's name, domain and country that the list reads.
        let relationship = "INSERT INTO reseller_relationships (id, partner_id, customer_id, since,
                customer_name_folded, customer_legal_name, customer_domain, customer_country)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'HU')";
        // Every other one is also the reseller's customer.
        let partners = if i % 2 == 0 {
            vec![&w.provider_id, &w.reseller_id]
        } else {
            vec![&w.provider_id]
        };
        for partner in partners {
            sqlx::query(relationship)
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(partner)
                .bind(&id)
                .bind(since)
                .bind(name.to_lowercase())
                .bind(&name)
                .bind(format!("c{i:03}.{TENANT}"))
                .execute(pool)
                .await
                .unwrap();
        }
        seeded.push(Seeded {
            id,
            name: name.to_lowercase(),
            since,
            shared: i % 2 == 0,
        });
    }
    // An ended relationship is not listed.
    sqlx::query("UPDATE reseller_relationships SET ended_at = $1 WHERE customer_id = $2 AND partner_id = $3")
        .bind(crate::common::START_MS)
        .bind(&seeded[5].id)
        .bind(&w.provider_id)
        .execute(pool)
        .await
        .unwrap();
    let ended = seeded.remove(5);
    // What the relationship write paths keep, for the rows seeded with plain SQL above.
    server::db::customers::fill_shared_customers(pool)
        .await
        .unwrap();

    let expected = |sort: &str, only: &dyn Fn(&Seeded) -> bool| -> Vec<String> {
        let mut rows: Vec<&Seeded> = seeded.iter().filter(|s| only(s)).collect();
        match sort {
            "newest" => rows.sort_by(|a, b| (b.since, &b.id).cmp(&(a.since, &a.id))),
            "oldest" => rows.sort_by(|a, b| (a.since, &a.id).cmp(&(b.since, &b.id))),
            _ => rows.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id))),
        }
        rows.into_iter().map(|s| s.id.clone()).collect()
    };

    for sort in ["newest", "oldest", "name"] {
        let want = expected(sort, &|_| true);
        assert_eq!(want.len(), 119);
        // Forward to the end.
        let mut pages: Vec<Value> = Vec::new();
        let mut after = String::new();
        loop {
            let r = customers_page(&app, &w.provider, &[("sort", sort), ("after", &after)]).await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            let page = r.json();
            let next = page["next"].as_str().map(str::to_owned);
            pages.push(page);
            match next {
                Some(n) => after = n,
                None => break,
            }
            assert!(pages.len() < 10, "paging does not end");
        }
        let sizes: Vec<usize> = pages.iter().map(|p| page_ids(p).len()).collect();
        assert_eq!(sizes, [50, 50, 19], "{sort}");
        let all: Vec<String> = pages.iter().flat_map(page_ids).collect();
        assert_eq!(all, want, "{sort}: every row once, in order");
        assert!(!all.contains(&ended.id));
        assert!(pages[0]["prev"].is_null(), "{sort}: the first page");
        assert_eq!(
            pages[1]["prev"].as_str(),
            Some(page_ids(&pages[1])[0].as_str())
        );
        // Back: each previous page exactly.
        for i in (1..pages.len()).rev() {
            let before = pages[i]["prev"].as_str().unwrap().to_owned();
            let r = customers_page(&app, &w.provider, &[("sort", sort), ("before", &before)])
                .await
                .json();
            assert_eq!(
                page_ids(&r),
                page_ids(&pages[i - 1]),
                "{sort}: back from page {i}"
            );
            assert_eq!(r["next"], pages[i - 1]["next"], "{sort}: page {i}");
            assert_eq!(r["prev"], pages[i - 1]["prev"], "{sort}: page {i}");
        }
        // A garbage or stale cursor starts over.
        for cursor in ["garbage", &ended.id, &uuid::Uuid::now_v7().to_string()] {
            for dir in ["after", "before"] {
                let r = customers_page(&app, &w.provider, &[("sort", sort), (dir, cursor)])
                    .await
                    .json();
                assert_eq!(page_ids(&r), page_ids(&pages[0]), "{sort} {dir}={cursor}");
                assert!(r["prev"].is_null());
            }
        }
    }
    let default = customers_page(&app, &w.provider, &[]).await.json();
    assert_eq!(page_ids(&default), expected("newest", &|_| true)[..50]);
    let bogus = customers_page(&app, &w.provider, &[("sort", "bogus")])
        .await
        .json();
    assert_eq!(page_ids(&bogus), page_ids(&default));

    // A search narrows, and pages too.
    let narrowed = customers_page(
        &app,
        &w.provider,
        &[("search", "CUSTOMER 01"), ("sort", "name")],
    )
    .await
    .json();
    let want = expected("name", &|s| s.name.contains("customer 01"));
    assert_eq!(want.len(), 20);
    assert_eq!(page_ids(&narrowed), want);
    assert!(narrowed["next"].is_null());
    let by_domain = customers_page(&app, &w.provider, &[("search", "c007.tierlink")])
        .await
        .json();
    assert_eq!(page_ids(&by_domain).len(), 1);

    // Filtered by the reseller: its shared customers only, paged the same way.
    let want = expected("oldest", &|s| s.shared);
    assert_eq!(want.len(), 60);
    let first = customers_page(
        &app,
        &w.provider,
        &[("sort", "oldest"), ("reseller", RESELLER_MPN)],
    )
    .await
    .json();
    assert_eq!(first["reseller"]["name"], "Fabrikam Kft.");
    let next = first["next"].as_str().unwrap().to_owned();
    let second = customers_page(
        &app,
        &w.provider,
        &[
            ("sort", "oldest"),
            ("reseller", RESELLER_MPN),
            ("after", &next),
        ],
    )
    .await
    .json();
    assert!(second["next"].is_null());
    let all: Vec<String> = page_ids(&first)
        .into_iter()
        .chain(page_ids(&second))
        .collect();
    assert_eq!(all, want);
    let back = customers_page(
        &app,
        &w.provider,
        &[
            ("sort", "oldest"),
            ("reseller", RESELLER_MPN),
            ("before", second["prev"].as_str().unwrap()),
        ],
    )
    .await
    .json();
    assert_eq!(page_ids(&back), page_ids(&first));

    // A reseller filter must name a partnered reseller.
    app.enroll(
        "reseller",
        "Northwind Kft.",
        "9100003",
        "z@northwind.example",
    )
    .await;
    for wrong in ["9100003", "9100002", "Nobody Kft.", "fabrikam kft."] {
        let r = customers_page(&app, &w.provider, &[("reseller", wrong)]).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{wrong}: {}",
            r.body
        );
        assert_eq!(
            field_code(&r, "reseller").as_deref(),
            Some("reseller_not_partnered"),
            "{wrong}"
        );
    }
    // The reseller sees its own 60, newest first.
    let mine = customers_page(&app, &w.reseller, &[]).await.json();
    assert_eq!(page_ids(&mine).len(), 50);
    assert!(mine["next"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_more_licenses_assigned_than_purchased_even_at_once() {
    let app = spawn().await;
    let w = world(&app).await;
    let done = placed(
        &app,
        &w.provider,
        Some(&w.reseller_id),
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 3)]),
    )
    .await;
    let customer_id = done["customer_id"].as_str().unwrap().to_owned();
    for (name, email) in [
        ("Béla Nagy", "bela@adatum.example"),
        ("Cecília Tóth", "cili@adatum.example"),
    ] {
        let r = app
            .call(
                "add_customer_user",
                &form(&[
                    ("customer_id", &customer_id),
                    ("name", name),
                    ("email", email),
                ]),
                Some(&w.reseller),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let v = app
        .call(
            "customer_users",
            &form(&[("customer_id", &customer_id)]),
            Some(&w.reseller),
        )
        .await
        .json();
    let sub = v["subscriptions"][0]["id"].as_str().unwrap().to_owned();
    let users: Vec<String> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap().to_owned())
        .collect();
    let license = |user: &str, assign: bool| {
        let app = &app;
        let body = form(&[
            ("customer_id", &customer_id),
            ("user_id", user),
            ("subscription_id", &sub),
            ("assign", if assign { "true" } else { "false" }),
        ]);
        let cookie = w.reseller.clone();
        async move { app.call("set_customer_license", &body, Some(&cookie)).await }
    };
    let set = |n: &'static str| {
        let app = &app;
        let body = form(&[("subscription_id", &sub), ("licenses", n)]);
        let cookie = w.provider.clone();
        async move {
            app.call("set_subscription_licenses", &body, Some(&cookie))
                .await
        }
    };
    for u in &users[..2] {
        assert_eq!(license(u, true).await.status, StatusCode::OK);
    }
    let last = users[2].clone();
    // The third license is assigned while the provider takes it away, one a little after the
    // other each time: one of them wins.
    for i in 0..80u64 {
        let (first_assign, delay) = (i % 2 == 0, std::time::Duration::from_micros((i / 2) * 100));
        let (assigned, reduced) = if first_assign {
            tokio::join!(license(&last, true), async {
                tokio::time::sleep(delay).await;
                set("2").await
            })
        } else {
            let (r, a) = tokio::join!(set("2"), async {
                tokio::time::sleep(delay).await;
                license(&last, true).await
            });
            (a, r)
        };
        let (licenses, held): (i64, i64) = sqlx::query_as(
            "SELECT licenses, (SELECT COUNT(*) FROM license_assignments WHERE subscription_id = s.id)
             FROM subscriptions s WHERE id = $1",
        )
        .bind(&sub)
        .fetch_one(app.services.pool())
        .await
        .unwrap();
        assert!(
            held <= licenses,
            "{i}: {held} assigned of {licenses}: {} / {}",
            assigned.body,
            reduced.body
        );
        assert!(
            (assigned.status == StatusCode::OK) != (reduced.status == StatusCode::OK),
            "{i}: one wins: {} / {}",
            assigned.body,
            reduced.body
        );
        // Back to three licenses, two held.
        assert_eq!(license(&last, false).await.status, StatusCode::OK);
        assert_eq!(set("3").await.status, StatusCode::OK);
    }
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
    let customer_id = done["customer_id"].as_str().unwrap().to_owned();
    let subs = subscriptions_of(&app, &w.provider, &customer_id).await;
    let ids: Vec<String> = subs["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap().to_owned())
        .collect();
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
                let body = form(&[("subscription_id", &sub), ("licenses", &n)]);
                app.call("set_subscription_licenses", &body, Some(&cookie))
                    .await
            } else {
                let contact = if i % 8 < 4 { provider_id } else { reseller_id };
                let body = form(&[
                    ("subscription_id", &sub),
                    ("reseller_mpn_id", RESELLER_MPN),
                    ("support_contact", &contact),
                ]);
                app.call("set_subscription_partners", &body, Some(&cookie))
                    .await
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
