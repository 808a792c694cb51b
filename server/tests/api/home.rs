//! Home (issue 20): what needs the reader's attention and a new organization's next steps, as
//! the reader's roles allow, each count going as the thing is dealt with.

use crate::common::{
    START_MS, TestApp, customer_via, form, new_request, org_id, provider, reseller, spawn,
    spawn_with, token_of,
};
use app::model::{Draft, HomeAttention, NextStep, home::ATTENTION_CAP};
use http::StatusCode;
use server::on;
use std::time::Duration;

async fn home(app: &TestApp, cookie: &str) -> HomeAttention {
    let r = app.call("load_home", "", Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

/// Someone signed in opens a request's link (its page previews it).
async fn open(app: &TestApp, cookie: &str, token: &str) {
    let r = app
        .call(
            "preview_invitation",
            &form(&[("token", token)]),
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

const DAY_MS: i64 = 24 * 3600 * 1000;

#[tokio::test]
async fn a_new_providers_steps_and_waiting_requests_go_as_it_deals_with_them() {
    // Days pass here: sessions outlive them.
    let app = spawn_with(|c| {
        c.session_idle = Duration::from_secs(90 * 86_400);
        c.session_max = Duration::from_secs(90 * 86_400);
        c.invitation_ttl = Duration::from_secs(14 * 86_400);
    })
    .await;
    let provider = provider(&app).await;
    let h = home(&app, &provider).await;
    assert_eq!(
        h.steps,
        [
            NextStep::RequestPartnership,
            NextStep::AddCustomer,
            NextStep::AddUsers
        ]
    );
    assert_eq!((h.waiting, h.expiring, h.without_grant), (0, 0, 0));

    let first: Draft = app
        .call("request_partnership", "", Some(&provider))
        .await
        .decode();
    app.clock.advance_ms(5 * DAY_MS);
    let _second: Draft = app
        .call("request_partnership", "", Some(&provider))
        .await
        .decode();
    let h = home(&app, &provider).await;
    assert_eq!((h.waiting, h.expiring), (2, 0), "links live 14 days");
    assert_eq!(
        h.steps,
        [NextStep::AddCustomer, NextStep::AddUsers],
        "a partnership asked for is a step begun"
    );
    app.clock.advance_ms(7 * DAY_MS);
    let h = home(&app, &provider).await;
    assert_eq!(
        (h.waiting, h.expiring),
        (2, 1),
        "the first has 2 days left, the second 7"
    );

    let reseller = reseller(&app).await;
    let r = app
        .answer(&reseller, &token_of(&first.link), true, true)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .add_user(&provider, "b@contoso.example", &["sales_agent"])
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let h = home(&app, &provider).await;
    assert_eq!((h.waiting, h.expiring), (1, 0), "answered is not waiting");
    assert_eq!(h.steps, [NextStep::AddCustomer], "steps taken are gone");

    app.clock.advance_ms(8 * DAY_MS);
    assert_eq!(
        home(&app, &provider).await.waiting,
        0,
        "expired is not waiting"
    );
}

#[tokio::test]
async fn customers_without_a_grant_are_counted_and_the_newest_named() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let h = home(&app, &partner).await;
    assert_eq!(
        h.steps,
        [
            NextStep::FindProvider,
            NextStep::RequestRelationship,
            NextStep::AddUsers
        ]
    );
    for (name, prefix, ask) in [
        ("Adatum Kft.", "adatum", false),
        ("Litware Kft.", "litware", true),
        ("Tailspin Kft.", "tailspin", false),
    ] {
        let token = new_request(&app, &partner, ask).await;
        let email = format!("admin@{prefix}.example");
        let customer = customer_via(&app, &token, name, prefix, &email).await;
        let r = app.answer(&customer, &token, true, true).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        app.clock.advance_ms(1000);
    }
    let h = home(&app, &partner).await;
    assert_eq!(
        h.without_grant, 2,
        "Litware gave delegated admin permissions"
    );
    let named: Vec<&str> = h
        .without_grant_named
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(named, ["Tailspin Kft.", "Adatum Kft."], "newest first");
    assert_eq!(
        h.steps,
        [NextStep::FindProvider, NextStep::AddUsers],
        "it has customers now"
    );

    // A user who may see customers but not send requests sees the customers, not the requests.
    let (viewer, _) = app
        .user_with_roles(&partner, "u@fabrikam.example", &["user_management_admin"])
        .await;
    new_request(&app, &partner, false).await;
    let h = home(&app, &viewer).await;
    assert_eq!(h.without_grant, 2);
    assert_eq!(h.waiting, 0, "re-issuing requests is not this user's");
    assert_eq!(home(&app, &partner).await.waiting, 1);
    assert_eq!(
        h.steps,
        [NextStep::FindProvider],
        "anyone may look for providers"
    );
}

#[tokio::test]
async fn a_customer_is_shown_the_requests_it_opened_and_not_yet_answered() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, false).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let h = home(&app, &customer).await;
    assert_eq!(h.to_answer, 0, "not opened while signed in yet");
    assert!(h.steps.is_empty() && h.without_grant == 0 && h.waiting == 0);
    open(&app, &customer, &token).await;
    assert_eq!(home(&app, &customer).await.to_answer, 1);

    let second: Draft = app
        .call("request_relationship", "", Some(&partner))
        .await
        .decode();
    assert_eq!(home(&app, &customer).await.to_answer, 1, "not opened yet");
    open(&app, &customer, &token_of(&second.link)).await;
    assert_eq!(home(&app, &customer).await.to_answer, 2);
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(home(&app, &customer).await.to_answer, 1, "answered");
}

#[tokio::test]
async fn home_needs_a_signed_in_reader() {
    let app = spawn().await;
    let r = app.call("load_home", "", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
}

/// A busy provider: 150 requests waiting, all about to expire. Each count stops at the cap.
#[tokio::test]
async fn counts_stop_at_the_cap() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let org = org_id(&app, &provider).await;
    on!(app.services.pool(), |ex| sqlx::query(
        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 150)
         INSERT INTO invitations (id, kind, from_org_id, token_hash, state, created_by_name,
                                  created_at, expires_at)
         SELECT 'busy-' || x, 'partnership', $1, 'hash-' || x, 'pending', 'Anna', $2, $3 FROM n",
    )
    .bind(&org)
    .bind(START_MS)
    .bind(START_MS + DAY_MS)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .expect("requests");
    let h = home(&app, &provider).await;
    assert_eq!((h.waiting, h.expiring), (ATTENTION_CAP, ATTENTION_CAP));
}
