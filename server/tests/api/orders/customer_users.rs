//! A customer's users and licenses, as a partner with delegated admin permissions manages them:
//! adding users, assigning licenses within those purchased, resetting passwords, and who may.

use super::{World, line, placed, scalar, set_licenses, world};
use crate::common::{
    Reply, TestApp, activity_actions, field_code, form, northwind, refusal, spawn,
};
use app::model::{CustomerRecordView, CustomerUsersView, NewCustomerDone, TemporaryPassword};
use http::StatusCode;
use serde_json::json;
use server::on;

/// Adatum Kft., placed by the provider with the reseller (which holds the grant), with
/// `licenses` Office Suite licenses.
async fn adatum_with_reseller(app: &TestApp, licenses: u32) -> (World, NewCustomerDone) {
    let w = world(app).await;
    let done = placed(
        app,
        &w.provider,
        Some(&w.reseller_id),
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, licenses)]),
    )
    .await;
    (w, done)
}

/// The customer's users and subscriptions, as the partner's page shows them.
async fn view(app: &TestApp, cookie: &str, customer: &str) -> CustomerUsersView {
    let r = app
        .call(
            "customer_users",
            &form(&[("customer_id", customer)]),
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "customer_users: {}", r.body);
    r.decode()
}

async fn add_user(app: &TestApp, cookie: &str, customer: &str, name: &str, email: &str) -> Reply {
    app.call(
        "add_customer_user",
        &form(&[("customer_id", customer), ("name", name), ("email", email)]),
        Some(cookie),
    )
    .await
}

/// Adds the intruder to the customer's users (a refusal is expected).
async fn add_user_as(app: &TestApp, cookie: &str, customer_id: &str) -> Reply {
    add_user(
        app,
        cookie,
        customer_id,
        "Intruder",
        "intruder@adatum.example",
    )
    .await
}

/// Assigns (or takes back) a user's license of a subscription.
async fn license(
    app: &TestApp,
    cookie: &str,
    customer: &str,
    user: &str,
    sub: &str,
    assign: bool,
) -> Reply {
    let body = form(&[
        ("customer_id", customer),
        ("user_id", user),
        ("subscription_id", sub),
        ("assign", if assign { "true" } else { "false" }),
    ]);
    app.call("set_customer_license", &body, Some(cookie)).await
}

/// Adatum Kft. (2 Office Suite licenses, the reseller holding the grant) with two users the
/// reseller added, Béla and Cecília.
struct Staffed {
    w: World,
    customer_id: String,
    /// The customer's Global admin, and its temporary password.
    admin_id: String,
    admin_temp: String,
    /// The Office Suite subscription.
    sub: String,
    bela: String,
    bela_temp: String,
    cili: String,
}

async fn staffed(app: &TestApp, licenses: u32) -> Staffed {
    let (w, done) = adatum_with_reseller(app, licenses).await;
    let customer_id = done.customer_id.to_string();
    let r = add_user(
        app,
        &w.reseller,
        &customer_id,
        "Béla Nagy",
        "bela@adatum.example",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let bela_temp = r.decode::<TemporaryPassword>().temporary_password;
    let r = add_user(
        app,
        &w.reseller,
        &customer_id,
        "Cecília Tóth",
        "cili@adatum.example",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = view(app, &w.reseller, &customer_id).await;
    let id_of = |email: &str| {
        v.users
            .iter()
            .find(|u| u.email == email)
            .unwrap_or_else(|| panic!("{email}: {v:?}"))
            .id
            .to_string()
    };
    Staffed {
        admin_id: id_of("admin@adatum.tierlink.example"),
        bela: id_of("bela@adatum.example"),
        cili: id_of("cili@adatum.example"),
        sub: v.subscriptions[0].id.to_string(),
        admin_temp: done.temporary_password,
        bela_temp,
        customer_id,
        w,
    }
}

impl Staffed {
    /// The reseller assigns (or takes back) a user's license of the Office Suite subscription.
    async fn assign(&self, app: &TestApp, user: &str, yes: bool) -> Reply {
        license(
            app,
            &self.w.reseller,
            &self.customer_id,
            user,
            &self.sub,
            yes,
        )
        .await
    }
}

/// The customer has its admin, Béla and Cecília as users, and no intruder.
async fn assert_no_intruder(app: &TestApp, customer_id: &str) {
    let customer_users = scalar(
        app,
        "SELECT COUNT(*) FROM users WHERE organization_id = $1",
        customer_id,
    )
    .await;
    assert_eq!(
        customer_users, 3,
        "the admin, Béla and Cecília; no intruder"
    );
}

#[tokio::test]
async fn the_reseller_holding_the_grant_sees_the_customers_users() {
    let app = spawn().await;
    let (w, done) = adatum_with_reseller(&app, 2).await;
    let v = view(&app, &w.reseller, &done.customer_id.to_string()).await;
    assert_eq!(v.domain, "adatum.tierlink.example");
    assert!(v.users[0].global_admin);
}

#[tokio::test]
async fn added_users_hold_no_role_and_must_change_their_password() {
    let app = spawn().await;
    let (w, done) = adatum_with_reseller(&app, 2).await;
    let customer_id = done.customer_id.to_string();
    let add = |name: &'static str, email: &'static str| {
        add_user(&app, &w.reseller, &customer_id, name, email)
    };
    let r = add("Béla Nagy", "bela@adatum.example").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = add("Béla Nagy", "BELA@adatum.example").await;
    assert_eq!(field_code(&r, "email").as_deref(), Some("email_taken"));
    let r = add("", "nope").await;
    assert_eq!(field_code(&r, "name").as_deref(), Some("required"));
    assert_eq!(field_code(&r, "email").as_deref(), Some("email_format"));
    let r = add("Cecília Tóth", "cili@adatum.example").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = view(&app, &w.reseller, &customer_id).await;
    let bela = v
        .users
        .iter()
        .find(|u| u.email == "bela@adatum.example")
        .unwrap_or_else(|| panic!("bela@adatum.example: {v:?}"))
        .id
        .to_string();
    let (must_change, roles): (bool, i64) = on!(app.services.pool(), |ex| {
        sqlx::query_as(
        "SELECT must_change_password, (SELECT COUNT(*) FROM user_roles r WHERE r.user_id = u.id)
         FROM users u WHERE id = $1",
    )
    .bind(&bela)
    .fetch_one(ex)
    .await
    })
    .unwrap();
    assert!(must_change);
    assert_eq!(roles, 0, "added users hold no role");
}

#[tokio::test]
async fn a_user_holds_a_license_once_and_no_more_are_assigned_than_purchased() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    for user in [&s.admin_id, &s.bela] {
        let r = s.assign(&app, user, true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    // Twice is no second license.
    let r = s.assign(&app, &s.bela, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = s.assign(&app, &s.bela, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = s.assign(&app, &s.cili, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(refusal(&r), "licenses_exhausted");
    assert_eq!(app.count("license_assignments").await, 2);
    let v = view(&app, &s.w.reseller, &s.customer_id).await;
    assert_eq!(v.subscriptions[0].assigned, 2);
    let bela_row = v.users.iter().find(|u| u.id.to_string() == s.bela).unwrap();
    let held: Vec<String> = bela_row.licenses.iter().map(ToString::to_string).collect();
    assert_eq!(held, [s.sub.as_str()]);
}

/// Fewer licenses than assigned: refused; more: then Cecília gets one.
#[tokio::test]
async fn licenses_cannot_be_set_below_those_assigned() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let set = |n: &'static str| set_licenses(&app, &s.w.provider, &s.sub, n);
    for user in [&s.admin_id, &s.bela] {
        let r = s.assign(&app, user, true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = set("1").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        field_code(&r, "licenses").as_deref(),
        Some("licenses_in_use")
    );
    let r = s.assign(&app, &s.bela, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = s.assign(&app, &s.cili, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = set("3").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = s.assign(&app, &s.bela, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = set("2").await;
    assert_eq!(
        field_code(&r, "licenses").as_deref(),
        Some("licenses_in_use")
    );
    let on_customer = activity_actions(&app, &s.customer_id).await;
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
}

#[tokio::test]
async fn a_reset_password_ends_the_users_sessions_and_the_new_one_works() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let signed_in = app.sign_in("bela@adatum.example", &s.bela_temp).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let bela_session = signed_in.session_cookie().unwrap();
    let me = app.actor(&bela_session).await.expect("signed in");
    assert!(me.must_change_password);
    let r = app
        .call(
            "reset_customer_password",
            &form(&[("customer_id", &s.customer_id), ("user_id", &s.bela)]),
            Some(&s.w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let reset: TemporaryPassword = r.decode();
    assert_eq!(reset.email, "bela@adatum.example");
    let new_temp = reset.temporary_password;
    assert_ne!(new_temp, s.bela_temp);
    assert!(app.actor(&bela_session).await.is_none(), "signed out");
    assert_ne!(
        app.sign_in("bela@adatum.example", &s.bela_temp)
            .await
            .status,
        StatusCode::OK
    );
    let signed_in = app.sign_in("bela@adatum.example", &new_temp).await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    let c = signed_in.session_cookie().unwrap();
    assert!(app.actor(&c).await.expect("signed in").must_change_password);
    assert_eq!(
        app.change_password(&c, &new_temp).await.status,
        StatusCode::OK
    );
}

/// Its temporary password would hand the partner the customer organization, and with it the
/// grant only the customer may end.
#[tokio::test]
async fn a_partner_never_resets_the_customers_global_admins_password() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let r = app
        .call(
            "reset_customer_password",
            &form(&[("customer_id", &s.customer_id), ("user_id", &s.admin_id)]),
            Some(&s.w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "global_admin_not_managed");
}

#[tokio::test]
async fn a_password_is_reset_only_for_a_user_of_the_customer() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let reseller_user = app
        .actor(&s.w.reseller)
        .await
        .expect("signed in")
        .user_id
        .to_string();
    let r = app
        .call(
            "reset_customer_password",
            &form(&[("customer_id", &s.customer_id), ("user_id", &reseller_user)]),
            Some(&s.w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
}

/// The provider has a relationship with the customer but no grant.
#[tokio::test]
async fn without_the_grant_the_provider_sees_only_how_many_users_there_are() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let r = s.assign(&app, &s.cili, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let r = add_user_as(&app, &s.w.provider, &s.customer_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "delegated_admin_missing");
    let r = license(&app, &s.w.provider, &s.customer_id, &s.cili, &s.sub, false).await;
    assert_eq!(refusal(&r), "delegated_admin_missing");
    let record: CustomerRecordView = app
        .call(
            "customer_record",
            &form(&[("customer_id", &s.customer_id)]),
            Some(&s.w.provider),
        )
        .await
        .decode();
    assert_eq!(record.users, None, "{record:?}");
    assert_eq!(record.user_count, 3);
    assert_no_intruder(&app, &s.customer_id).await;
}

#[tokio::test]
async fn a_partner_without_a_relationship_is_told_the_customer_is_not_its_own() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let stranger = northwind(&app).await;
    let r = add_user_as(&app, &stranger, &s.customer_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(refusal(&r), "not_your_customer");
    let r = app
        .call(
            "customer_users",
            &form(&[("customer_id", &s.customer_id)]),
            Some(&stranger),
        )
        .await;
    assert_eq!(refusal(&r), "not_your_customer");
    assert_no_intruder(&app, &s.customer_id).await;
}

/// A Sales agent of the reseller belongs to the grant's organization but lacks the role.
#[tokio::test]
async fn a_sales_agent_of_the_reseller_manages_no_users() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let (sales, _) = app
        .user_with_roles(&s.w.reseller, "sales@fabrikam.example", &["sales_agent"])
        .await;
    let r = add_user_as(&app, &sales, &s.customer_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.json()["Forbidden"].is_array(), "{}", r.body);
    assert_no_intruder(&app, &s.customer_id).await;
}

#[tokio::test]
async fn the_customers_own_admin_uses_its_own_pages_not_these() {
    let app = spawn().await;
    let s = staffed(&app, 2).await;
    let admin = app
        .sign_in("admin@adatum.tierlink.example", &s.admin_temp)
        .await
        .session_cookie()
        .unwrap();
    app.change_password(&admin, &s.admin_temp).await;
    let r = add_user_as(&app, &admin, &s.customer_id).await;
    assert_eq!(refusal(&r), "partners_only");
    assert_no_intruder(&app, &s.customer_id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn never_more_licenses_assigned_than_purchased_even_at_once() {
    let app = spawn().await;
    let s = staffed(&app, 3).await;
    let (w, customer_id, sub) = (&s.w, &s.customer_id, &s.sub);
    let v = view(&app, &w.reseller, customer_id).await;
    let users: Vec<String> = v.users.iter().map(|u| u.id.to_string()).collect();
    let set = |n: &'static str| set_licenses(&app, &w.provider, sub, n);
    for u in &users[..2] {
        assert_eq!(s.assign(&app, u, true).await.status, StatusCode::OK);
    }
    let last = users[2].clone();
    // The third license is assigned while the provider takes it away, one a little after the
    // other each time: one of them wins.
    for i in 0..80u64 {
        let (first_assign, delay) = (i % 2 == 0, std::time::Duration::from_micros((i / 2) * 100));
        let (assigned, reduced) = if first_assign {
            tokio::join!(s.assign(&app, &last, true), async {
                tokio::time::sleep(delay).await;
                set("2").await
            })
        } else {
            let (r, a) = tokio::join!(set("2"), async {
                tokio::time::sleep(delay).await;
                s.assign(&app, &last, true).await
            });
            (a, r)
        };
        let (licenses, held): (i64, i64) = on!(app.services.pool(), |ex| sqlx::query_as(
            "SELECT licenses, (SELECT COUNT(*) FROM license_assignments WHERE subscription_id = s.id)
             FROM subscriptions s WHERE id = $1",
        )
        .bind(sub)
        .fetch_one(ex)
        .await)
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
        assert_eq!(s.assign(&app, &last, false).await.status, StatusCode::OK);
        assert_eq!(set("3").await.status, StatusCode::OK);
    }
}
