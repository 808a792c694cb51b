//! Deliveries: signed as the Standard Webhooks reference verifies, retried with backoff under
//! the same `webhook-id`, failing after a day, rotation, redirects and refused addresses, and
//! several instances sharing the outbox.

use super::{Receiver, app, deliver, endpoints, log, register, verifies};
use crate::common::{START_MS, form, provider, reseller, spawn_with};
use app::model::{AttemptFailure, DeliveryState};
use http::StatusCode;
use server::services::webhooks::deliver::{PER_ENDPOINT, backoff_ms};

/// A provider's Global admin and an endpoint of theirs for `customer_created` on a new
/// receiver: (receiver, session cookie, endpoint).
async fn hooked(app: &crate::common::TestApp) -> (Receiver, String, app::model::WebhookSecret) {
    let receiver = Receiver::start().await;
    let anna = provider(app).await;
    let hook = register(app, &anna, &receiver.url(), &["customer_created"]).await;
    (receiver, anna, hook)
}

/// Waits until `done` holds (at most 10 s: the receivers here hold an attempt for 3 s).
async fn until(done: impl Fn() -> bool) {
    let waited = std::time::Instant::now();
    while !done() {
        assert!(waited.elapsed().as_secs() < 10, "still waiting after 10 s");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// Asks for a redelivery as the page does.
async fn redeliver(
    app: &crate::common::TestApp,
    cookie: &str,
    endpoint: &str,
    delivery: &str,
) -> crate::common::Reply {
    app.call(
        "redeliver_webhook",
        &form(&[("id", endpoint), ("delivery", delivery)]),
        Some(cookie),
    )
    .await
}

/// Another instance on the same database and clock, permitting loopback as `app()` does.
async fn second_instance(app: &crate::common::TestApp) -> crate::common::TestApp {
    crate::common::spawn_on_with(
        app.db_url.clone(),
        app.dir.clone(),
        app.clock.clone(),
        |c| c.webhooks_allow_loopback = true,
    )
    .await
}

/// The enrolled admins' password (`common::enroll_form`).
const PASSWORD: &str = "a long password";
use std::collections::HashSet;

async fn send_test(app: &crate::common::TestApp, cookie: &str, id: &str) {
    let r = app
        .call("send_test_webhook", &form(&[("id", id)]), Some(cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "send_test_webhook: {}", r.body);
}

#[tokio::test]
async fn an_accepted_partnership_reaches_the_providers_endpoint_signed() {
    let app = app().await;
    let receiver = Receiver::start().await;
    let anna = provider(&app).await;
    let lena = reseller(&app).await;
    let hook = register(&app, &anna, &receiver.url(), &["invitation_accepted"]).await;
    // Chosen by no one: nothing is queued for the decline event or for the reseller.
    app.partner_up(&anna, &lena).await;
    assert_eq!(app.count("webhook_deliveries").await, 1);
    assert_eq!(deliver(&app).await, 1);
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert!(verifies(&hook.secret, r), "signature: {:?}", r.headers);
    assert!(r.header("webhook-id").starts_with("msg_"));
    assert_eq!(r.header("webhook-timestamp"), (START_MS / 1000).to_string());
    assert_eq!(r.header("content-type"), "application/json");
    let body = r.json();
    assert_eq!(body["type"], "invitation.accepted");
    assert_eq!(body["timestamp"], "2026-01-01T00:00:00Z");
    assert_eq!(body["data"]["invitation_kind"], "partnership");
    assert_eq!(body["data"]["organization"]["name"], "Fabrikam Kft.");
    assert!(body["data"]["invitation_id"].is_string(), "{body}");
    // Signed with another secret, it does not verify.
    assert!(!verifies("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", r));
    let rows = log(&app, &anna, &hook.id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].state, DeliveryState::Delivered);
    assert_eq!(rows[0].response_code, Some(200));
    assert_eq!(rows[0].attempts, 1);
    assert_eq!(rows[0].id, r.header("webhook-id"));
    // Delivered once: another round sends nothing.
    assert_eq!(deliver(&app).await, 0);
}

#[tokio::test]
async fn a_failing_receiver_is_retried_with_backoff_under_the_same_id() {
    let app = app().await;
    let (receiver, anna, hook) = hooked(&app).await;
    receiver.answer(&[500, 503]);
    send_test(&app, &anna, &hook.id).await;
    assert_eq!(deliver(&app).await, 1);
    let row = &log(&app, &anna, &hook.id).await[0];
    assert_eq!(row.state, DeliveryState::Pending);
    assert_eq!(
        (row.attempts, row.response_code, row.failure),
        (1, Some(500), Some(AttemptFailure::Status))
    );
    assert!(row.next_attempt.is_some());
    // Not due yet.
    assert_eq!(deliver(&app).await, 0);
    app.clock.advance_ms(5_000);
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(log(&app, &anna, &hook.id).await[0].attempts, 2);
    app.clock.advance_ms(14_000);
    assert_eq!(deliver(&app).await, 0, "the second wait is 15 s");
    app.clock.advance_ms(1_000);
    assert_eq!(deliver(&app).await, 1);
    let row = &log(&app, &anna, &hook.id).await[0];
    assert_eq!(
        (row.state, row.attempts, row.response_code, row.failure),
        (DeliveryState::Delivered, 3, Some(200), None)
    );
    let got = receiver.got();
    assert_eq!(got.len(), 3);
    let ids: HashSet<String> = got.iter().map(|r| r.header("webhook-id")).collect();
    assert_eq!(ids.len(), 1, "one webhook-id on every attempt");
    assert!(got.iter().all(|r| verifies(&hook.secret, r)));
    // Each attempt is signed at its own time.
    assert_ne!(
        got[0].header("webhook-timestamp"),
        got[2].header("webhook-timestamp")
    );
    assert_eq!(got[0].json()["type"], "webhook.test");
}

#[tokio::test]
async fn a_day_of_failures_marks_the_endpoint_failing_until_a_delivery_works() {
    let app = app().await;
    let (receiver, mut anna, hook) = hooked(&app).await;
    send_test(&app, &anna, &hook.id).await;
    let mut rounds = 0;
    loop {
        receiver.answer(&[500]);
        deliver(&app).await;
        let row = log(&app, &anna, &hook.id).await.remove(0);
        if row.state == DeliveryState::Failed {
            assert!((10..=14).contains(&row.attempts), "{}", row.attempts);
            break;
        }
        rounds += 1;
        assert!(rounds < 30, "still pending after {rounds} rounds");
        app.clock.advance_ms(backoff_ms(i64::from(row.attempts)));
        // Stay signed in through the day.
        anna = app
            .sign_in("anna@contoso.example", PASSWORD)
            .await
            .session_cookie()
            .expect("cookie");
    }
    let row = &endpoints(&app, &anna).await[0];
    assert!(
        row.failing_since.is_some(),
        "the endpoint is marked failing"
    );
    // A failed delivery is not tried again by itself.
    app.clock.advance_ms(6 * 3_600_000);
    let anna = app
        .sign_in("anna@contoso.example", PASSWORD)
        .await
        .session_cookie()
        .expect("cookie");
    assert_eq!(deliver(&app).await, 0);
    // Redeliver, more than a day after the event, while the receiver still fails: the
    // redelivery gets a day of retries of its own, not one attempt.
    let delivery = log(&app, &anna, &hook.id).await.remove(0);
    let r = redeliver(&app, &anna, &hook.id, &delivery.id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    receiver.answer(&[500]);
    assert_eq!(deliver(&app).await, 1);
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!(row.state, DeliveryState::Pending, "retried again");
    assert_eq!(row.attempts, delivery.attempts + 1);
    // Its backoff starts anew (5 s, not the 6 hours its earlier attempts had reached). The
    // receiver works again: that retry is delivered, the endpoint no longer failing.
    app.clock.advance_ms(4_000);
    assert_eq!(deliver(&app).await, 0);
    app.clock.advance_ms(1_000);
    let anna = app
        .sign_in("anna@contoso.example", PASSWORD)
        .await
        .session_cookie()
        .expect("cookie");
    assert_eq!(deliver(&app).await, 1);
    let delivery = delivery.id;
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!(row.state, DeliveryState::Delivered);
    assert_eq!(endpoints(&app, &anna).await[0].failing_since, None);
    let last = receiver.got().pop().expect("a delivery");
    assert_eq!(last.header("webhook-id"), delivery);
}

#[tokio::test]
async fn after_a_rotation_both_secrets_sign_for_a_day() {
    let app = app().await;
    let receiver = Receiver::start().await;
    let anna = provider(&app).await;
    let old = register(&app, &anna, &receiver.url(), &["customer_created"]).await;
    let r = app
        .call(
            "rotate_webhook_secret",
            &form(&[("id", &old.id)]),
            Some(&anna),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let new: app::model::WebhookSecret = r.decode();
    send_test(&app, &anna, &old.id).await;
    deliver(&app).await;
    let first = receiver.got().remove(0);
    assert_eq!(first.header("webhook-signature").split(' ').count(), 2);
    assert!(verifies(&new.secret, &first) && verifies(&old.secret, &first));
    app.clock.advance_ms(24 * 3_600_000 + 1);
    let anna = app
        .sign_in("anna@contoso.example", PASSWORD)
        .await
        .session_cookie()
        .expect("cookie");
    send_test(&app, &anna, &old.id).await;
    deliver(&app).await;
    let second = receiver.got().remove(1);
    assert_eq!(second.header("webhook-signature").split(' ').count(), 1);
    assert!(verifies(&new.secret, &second) && !verifies(&old.secret, &second));
}

#[tokio::test]
async fn redirects_are_not_followed_and_slow_receivers_time_out() {
    let app = spawn_with(|c| {
        c.webhooks_allow_loopback = true;
        c.webhook_timeout = std::time::Duration::from_secs(1);
    })
    .await;
    let (receiver, anna, hook) = hooked(&app).await;
    // 307 (a redirect, with a Location elsewhere), then 0: the receiver hangs for 3 s.
    receiver.answer(&[307, 0]);
    send_test(&app, &anna, &hook.id).await;
    deliver(&app).await;
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!(
        (row.response_code, row.failure),
        (Some(307), Some(AttemptFailure::Redirected))
    );
    assert_eq!(receiver.got().len(), 1, "the redirect was not followed");
    app.clock.advance_ms(5_000);
    let started = std::time::Instant::now();
    deliver(&app).await;
    assert!(started.elapsed() < std::time::Duration::from_millis(2_500));
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!(
        (row.response_code, row.failure),
        (None, Some(AttemptFailure::Timeout))
    );
}

#[tokio::test]
async fn loopback_is_refused_at_delivery_when_the_operator_does_not_permit_it() {
    let app = app().await;
    let (receiver, anna, hook) = hooked(&app).await;
    send_test(&app, &anna, &hook.id).await;
    // The same database under an instance that does not permit loopback (as after the
    // operator took the setting away): the attempt is refused before any connection.
    let strict =
        crate::common::spawn_on(app.db_url.clone(), app.dir.clone(), app.clock.clone()).await;
    deliver(&strict).await;
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!(row.state, DeliveryState::Pending);
    assert_eq!(row.failure, Some(AttemptFailure::AddressRefused));
    assert!(receiver.got().is_empty());
    // A name (as if registered when it was public) that resolves to loopback now.
    let by_name = format!("https://localhost:{}/hook", receiver.addr.port());
    super::set_url(&app, &hook.id, &by_name).await;
    app.clock.advance_ms(5_000);
    deliver(&strict).await;
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!(row.failure, Some(AttemptFailure::AddressRefused));
    assert!(receiver.got().is_empty());
}

#[tokio::test]
async fn a_delivery_being_sent_is_not_redelivered_and_says_so() {
    let app = app().await;
    let (receiver, anna, hook) = hooked(&app).await;
    // The receiver holds the first attempt for 3 s.
    receiver.answer(&[0]);
    send_test(&app, &anna, &hook.id).await;
    let delivery = log(&app, &anna, &hook.id).await.remove(0).id;
    let meanwhile = async {
        // Once the receiver holds the attempt (for 3 s), the delivery is being sent.
        until(|| !receiver.got().is_empty()).await;
        redeliver(&app, &anna, &hook.id, &delivery).await
    };
    let (sent, r) = tokio::join!(deliver(&app), meanwhile);
    assert_eq!(sent, 1);
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(crate::common::refusal(&r), "webhook_delivery_sending");
    // The attempt's result stands; once it is recorded, a redelivery is taken.
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!((row.state, row.attempts), (DeliveryState::Delivered, 1));
    let r = redeliver(&app, &anna, &hook.id, &delivery).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(receiver.got().len(), 2);
}

#[tokio::test]
async fn at_shutdown_the_job_gives_back_what_it_was_sending() {
    let app = app().await;
    let (receiver, anna, hook) = hooked(&app).await;
    receiver.answer(&[0]);
    send_test(&app, &anna, &hook.id).await;
    let job = tokio::spawn(server::services::webhooks::deliver::job(
        app.services.clone(),
    ));
    // The job has taken it and the receiver holds the attempt; the server shuts down.
    until(|| !receiver.got().is_empty()).await;
    app.services.close();
    tokio::time::timeout(std::time::Duration::from_secs(2), job)
        .await
        .expect("the job ends at once")
        .expect("the job ends cleanly");
    // Due at once again, on this instance or another, the unfinished attempt not counted.
    let row = log(&app, &anna, &hook.id).await.remove(0);
    assert_eq!((row.state, row.attempts), (DeliveryState::Pending, 0));
    assert_eq!(deliver(&app).await, 1);
    assert_eq!(
        log(&app, &anna, &hook.id).await[0].state,
        DeliveryState::Delivered
    );
}

#[tokio::test]
async fn a_slow_receiver_holds_its_share_of_places_on_all_instances_not_every_place() {
    let app = app().await;
    let second = second_instance(&app).await;
    let slow = Receiver::start().await;
    let fast = Receiver::start().await;
    let anna = provider(&app).await;
    let slow_hook = register(&app, &anna, &slow.url(), &["customer_created"]).await;
    let fast_hook = register(&app, &anna, &fast.url(), &["customer_created"]).await;
    // Every attempt at the slow receiver waits 3 s for its answer.
    let share = usize::try_from(PER_ENDPOINT).expect("a count");
    slow.answer(&vec![0; share + 10]);
    for _ in 0..share + 10 {
        send_test(&app, &anna, &slow_hook.id).await;
    }
    send_test(&app, &anna, &fast_hook.id).await;
    // While the first instance sends its share to the slow receiver, the second takes none of
    // its others; the fast receiver's delivery is not held up behind them.
    let later = async {
        until(|| slow.got().len() == share && fast.got().len() == 1).await;
        send_test(&app, &anna, &fast_hook.id).await;
        deliver(&second).await
    };
    let (first, then) = tokio::join!(deliver(&app), later);
    assert_eq!((first, then), (share + 1, 1));
    assert_eq!(fast.got().len(), 2);
    assert_eq!(slow.got().len(), share);
}

#[tokio::test]
async fn two_instances_never_send_one_delivery_twice() {
    let app = app().await;
    let second = second_instance(&app).await;
    let receiver = Receiver::start().await;
    let anna = provider(&app).await;
    // More than one round takes (128), to more endpoints than one may have in flight (32 each):
    // both instances get some.
    let mut hooks = Vec::new();
    for _ in 0..8 {
        hooks.push(register(&app, &anna, &receiver.url(), &["customer_created"]).await);
    }
    for i in 0..200 {
        send_test(&app, &anna, &hooks[i % hooks.len()].id).await;
    }
    let (a, b) = tokio::join!(deliver(&app), deliver(&second));
    assert_eq!(a + b, 200);
    assert!(a > 0 && b > 0, "{a} + {b}");
    let got = receiver.got();
    let ids: HashSet<String> = got.iter().map(|r| r.header("webhook-id")).collect();
    assert_eq!((got.len(), ids.len()), (200, 200));
}
