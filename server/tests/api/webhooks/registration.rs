//! Registering, listing, rotating and removing endpoints, and what is refused.

use super::{app, endpoints, log, register, try_register};
use crate::common::{activity_actions, field_code, form, org_id, provider, reseller, spawn};
use http::StatusCode;

#[tokio::test]
async fn a_global_admin_registers_an_endpoint_and_sees_its_secret_once() {
    let app = app().await;
    let anna = provider(&app).await;
    let new = register(
        &app,
        &anna,
        "https://hooks.example.com/tierlink",
        &["invitation_accepted", "customer_created"],
    )
    .await;
    assert!(new.secret.starts_with("whsec_"), "{}", new.secret);
    let listed = app.call("list_webhooks", "", Some(&anna)).await;
    assert!(
        !listed.body.contains(&new.secret),
        "the list shows no secret"
    );
    let rows = endpoints(&app, &anna).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].id, new.id);
    assert_eq!(rows[0].url, "https://hooks.example.com/tierlink");
    assert_eq!(
        rows[0].events,
        vec![
            app::model::EventType::InvitationAccepted,
            app::model::EventType::CustomerCreated
        ]
    );
    assert_eq!(rows[0].failing_since, None);
    let org = org_id(&app, &anna).await;
    assert!(
        activity_actions(&app, &org)
            .await
            .contains(&"webhook.added".to_owned())
    );

    // A rotation gives a new secret, once.
    let r = app
        .call(
            "rotate_webhook_secret",
            &form(&[("id", &new.id)]),
            Some(&anna),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let rotated: app::model::WebhookSecret = r.decode();
    assert_ne!(rotated.secret, new.secret);
    assert!(rotated.secret.starts_with("whsec_"));

    // Removal takes it and its deliveries.
    let r = app
        .call("send_test_webhook", &form(&[("id", &new.id)]), Some(&anna))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("webhook_deliveries").await, 1);
    let r = app
        .call("remove_webhook", &form(&[("id", &new.id)]), Some(&anna))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(endpoints(&app, &anna).await.is_empty());
    assert_eq!(app.count("webhook_deliveries").await, 0);
    let actions = activity_actions(&app, &org).await;
    assert!(actions.contains(&"webhook.secret_rotated".to_owned()));
    assert!(actions.contains(&"webhook.removed".to_owned()));
}

#[tokio::test]
async fn bad_addresses_and_no_events_are_refused_at_the_field_and_nothing_is_written() {
    // The operator has not permitted loopback here.
    let app = spawn().await;
    let anna = provider(&app).await;
    for (url, code) in [
        ("", "required"),
        ("hooks.example.com/x", "webhook_url_invalid"),
        ("ftp://hooks.example.com/x", "webhook_url_invalid"),
        ("http://hooks.example.com/x", "webhook_url_invalid"),
        ("http://127.0.0.1:9000/hook", "webhook_url_invalid"),
        (
            "https://user:secret@hooks.example.com/",
            "webhook_url_invalid",
        ),
        ("https://127.0.0.1/hook", "webhook_address_refused"),
        ("https://localhost/hook", "webhook_address_refused"),
        ("https://10.0.0.7/hook", "webhook_address_refused"),
        ("https://192.168.1.1/hook", "webhook_address_refused"),
        (
            "https://169.254.169.254/latest/meta-data",
            "webhook_address_refused",
        ),
        ("https://[::1]/hook", "webhook_address_refused"),
        ("https://[fd00::1]/hook", "webhook_address_refused"),
        ("https://[::ffff:10.0.0.1]/hook", "webhook_address_refused"),
    ] {
        let r = try_register(&app, &anna, url, &["invitation_accepted"]).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{url}: {}",
            r.body
        );
        assert_eq!(field_code(&r, "url").as_deref(), Some(code), "{url}");
    }
    let r = try_register(&app, &anna, "https://hooks.example.com/x", &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        field_code(&r, "events").as_deref(),
        Some("webhook_events_required")
    );
    // An unknown event field is not an event.
    let r = try_register(
        &app,
        &anna,
        "https://hooks.example.com/x",
        &["order_shipped"],
    )
    .await;
    assert!(r.status.is_client_error(), "{}", r.body);
    assert_eq!(app.count("webhook_endpoints").await, 0);
}

#[tokio::test]
async fn an_organization_has_at_most_twenty_endpoints() {
    let app = app().await;
    let anna = provider(&app).await;
    for i in 0..20 {
        register(
            &app,
            &anna,
            &format!("https://hooks.example.com/{i}"),
            &["customer_created"],
        )
        .await;
    }
    let r = try_register(
        &app,
        &anna,
        "https://hooks.example.com/21",
        &["customer_created"],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        crate::common::refusal(&r),
        "webhook_limit_reached",
        "{}",
        r.body
    );
    assert_eq!(app.count("webhook_endpoints").await, 20);
}

#[tokio::test]
async fn only_global_admins_of_partners_manage_webhooks_and_only_their_own() {
    let app = app().await;
    let anna = provider(&app).await;
    let lena = reseller(&app).await;
    let mine = register(
        &app,
        &anna,
        "https://hooks.example.com/a",
        &["customer_created"],
    )
    .await;
    let (sales, _) = app
        .user_with_roles(&anna, "sales@contoso.example", &["sales_agent"])
        .await;
    let r = try_register(
        &app,
        &sales,
        "https://hooks.example.com/b",
        &["customer_created"],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.call("list_webhooks", "", Some(&sales)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    // Another organization's Global admin cannot reach Contoso's endpoint at all.
    for endpoint in [
        "rotate_webhook_secret",
        "remove_webhook",
        "send_test_webhook",
        "list_webhook_deliveries",
    ] {
        let r = app
            .call(endpoint, &form(&[("id", &mine.id)]), Some(&lena))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{endpoint}: {}", r.body);
    }
    // Nor redeliver a delivery of it, by its real id, under Contoso's endpoint or her own.
    let r = app
        .call("send_test_webhook", &form(&[("id", &mine.id)]), Some(&anna))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let delivery = log(&app, &anna, &mine.id).await.remove(0);
    let hers = register(
        &app,
        &lena,
        "https://hooks.example.com/c",
        &["customer_created"],
    )
    .await;
    for endpoint in [&mine.id, &hers.id] {
        let r = app
            .call(
                "redeliver_webhook",
                &form(&[("id", endpoint), ("delivery", &delivery.id)]),
                Some(&lena),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    }
    assert!(log(&app, &lena, &hers.id).await.is_empty());
    let after = log(&app, &anna, &mine.id).await.remove(0);
    assert_eq!(
        (after.id, after.attempts, after.next_attempt),
        (delivery.id, delivery.attempts, delivery.next_attempt)
    );
    assert_eq!(endpoints(&app, &lena).await.len(), 1);
    assert_eq!(app.count("webhook_endpoints").await, 2);
}
