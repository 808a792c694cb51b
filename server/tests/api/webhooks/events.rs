//! Which changes become which events, for whom, with what data.

use super::{Receiver, app, deliver, register};
use crate::common::{customer_via, form, new_request, org_id, provider, reseller};
use http::StatusCode;
use server::services::notices;

/// The `type` of each delivery the receiver got, in order.
fn types(receiver: &Receiver) -> Vec<String> {
    receiver
        .got()
        .iter()
        .map(|r| r.json()["type"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn a_customer_ending_links_and_a_provider_removing_a_partnership_are_events() {
    let app = app().await;
    let receiver = Receiver::start().await;
    let partner = reseller(&app).await;
    register(
        &app,
        &partner,
        &receiver.url(),
        &[
            "invitation_accepted",
            "relationship_ended_by_customer",
            "delegated_admin_removed",
            "partnership_removed",
        ],
    )
    .await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    app.answer(&customer, &token, true, true).await;
    let customer_id = org_id(&app, &customer).await;
    let partner_id = org_id(&app, &partner).await;
    let body = form(&[("partner_id", &partner_id)]);
    for call in ["remove_delegated_admin", "end_reseller_relationship"] {
        let r = app.call(call, &body, Some(&customer)).await;
        assert_eq!(r.status, StatusCode::OK, "{call}: {}", r.body);
    }
    let provider = provider(&app).await;
    app.partner_up(&provider, &partner).await;
    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &partner_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    deliver(&app).await;
    let mut got = types(&receiver);
    got.sort();
    assert_eq!(
        got,
        [
            "delegated_admin.removed",
            "invitation.accepted",
            "partnership.removed",
            "relationship.ended_by_customer",
        ]
    );
    let all = receiver.got();
    let ended = all
        .iter()
        .map(|r| r.json())
        .find(|b| b["type"] == "relationship.ended_by_customer")
        .expect("the event");
    assert_eq!(ended["data"]["organization"]["id"], customer_id.as_str());
    assert_eq!(ended["data"]["organization"]["name"], "Adatum Kft.");
    assert_eq!(ended["data"]["by"], "Eszter Kiss");
    let accepted = all
        .iter()
        .map(|r| r.json())
        .find(|b| b["type"] == "invitation.accepted")
        .expect("the event");
    assert_eq!(accepted["data"]["invitation_kind"], "reseller_relationship");
    assert_eq!(accepted["data"]["as_party"], false);
}

#[tokio::test]
async fn an_unanswered_request_expiring_is_an_event_for_its_sender() {
    let app = app().await;
    let receiver = Receiver::start().await;
    let partner = reseller(&app).await;
    register(&app, &partner, &receiver.url(), &["invitation_expired"]).await;
    let r = crate::common::request_relationship(&app, &partner, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    app.clock.advance_ms(15 * 24 * 3_600_000);
    assert_eq!(
        notices::notice_expired(&app.services)
            .await
            .expect("expiry"),
        1
    );
    deliver(&app).await;
    let got = receiver.got();
    assert_eq!(types(&receiver), ["invitation.expired"]);
    let data = &got[0].json()["data"];
    assert_eq!(data["invitation_kind"], "reseller_relationship");
    assert!(data["invitation_id"].is_string(), "{data}");
}
