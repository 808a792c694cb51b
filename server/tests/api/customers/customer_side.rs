//! The customer's own side (W13): it removes grants, ends relationships, and sees and declines
//! the requests addressed to its users.

use super::{customers_of, partners_of, related};
use crate::common::{
    TestApp, activity_actions, form, org_id, refusal, request_relationship, spawn, token_of,
};
use app::model::{Draft, InvitationPage, InvitationRow, InvitationState, PendingRequest};
use http::StatusCode;

/// The reseller's customer, with a grant: (reseller cookie, customer cookie, the reseller's id,
/// the form body naming the reseller).
async fn with_partner(app: &TestApp) -> (String, String, String, String) {
    let (partner, customer, _) = related(app, true).await;
    let partner_id = org_id(app, &partner).await;
    let body = form(&[("partner_id", &partner_id)]);
    (partner, customer, partner_id, body)
}

/// The customer removes the partner's grant and ends its relationship.
async fn part_ways(app: &TestApp, customer: &str, body: &str) {
    let r = app
        .call("remove_delegated_admin", body, Some(customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .call("end_reseller_relationship", body, Some(customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

async fn pending_requests(app: &TestApp, cookie: &str) -> Vec<PendingRequest> {
    app.call("list_pending_requests", "", Some(cookie))
        .await
        .decode()
}

/// After parting ways with the customer, the reseller asks again twice: one request names the
/// customer's user as its recipient, the other someone else. (reseller cookie, customer cookie,
/// the first request's draft, the other's id)
async fn two_new_requests(app: &TestApp) -> (String, String, Draft, String) {
    let (partner, customer, _, body) = with_partner(app).await;
    part_ways(app, &customer, &body).await;
    let draft: Draft = request_relationship(app, &partner, true).await.decode();
    let r = app
        .call(
            "set_invitation_recipient",
            &form(&[("id", &draft.invitation_id), ("email", "E@Adatum.example")]),
            Some(&partner),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let other: Draft = request_relationship(app, &partner, true).await.decode();
    app.call(
        "set_invitation_recipient",
        &form(&[
            ("id", &other.invitation_id),
            ("email", "someone@else.example"),
        ]),
        Some(&partner),
    )
    .await;
    (partner, customer, draft, other.invitation_id)
}

/// Someone of the customer opens the request's link.
async fn open(app: &TestApp, customer: &str, draft: &Draft) {
    let r = app
        .call(
            "preview_invitation",
            &form(&[("token", &token_of(&draft.link))]),
            Some(customer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn partners_and_ordinary_users_cannot_use_the_customers_side() {
    let app = spawn().await;
    let (partner, customer, _, body) = with_partner(&app).await;
    assert_eq!(
        refusal(
            &app.call("remove_delegated_admin", &body, Some(&partner))
                .await
        ),
        "customers_only"
    );
    let (plain, _) = app
        .user_with_roles(&customer, "user@adatum.example", &[])
        .await;
    assert_eq!(
        app.call("remove_delegated_admin", &body, Some(&plain))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_customer_removes_a_partners_grant_once() {
    let app = spawn().await;
    let (partner, customer, partner_id, body) = with_partner(&app).await;
    let r = app
        .call("remove_delegated_admin", &body, Some(&customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!customers_of(&app, &partner, "").await[0].delegated_admin);
    assert_eq!(
        app.call("remove_delegated_admin", &body, Some(&customer))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let on_partner = activity_actions(&app, &partner_id).await;
    assert!(on_partner.contains(&"delegated_admin.removed".to_owned()));
}

#[tokio::test]
async fn without_grant_and_relationship_the_customer_and_partner_no_longer_see_each_other() {
    let app = spawn().await;
    let (partner, customer, partner_id, body) = with_partner(&app).await;
    part_ways(&app, &customer, &body).await;
    assert!(customers_of(&app, &partner, "").await.is_empty());
    assert!(partners_of(&app, &customer).await.is_empty());
    let on_partner = activity_actions(&app, &partner_id).await;
    assert!(on_partner.contains(&"relationship.ended_by_customer".to_owned()));
}

/// Naming the customer's user is not enough to put a request on its page (any partner could):
/// it shows once someone of the customer has opened its link.
#[tokio::test]
async fn a_request_addressed_to_a_customers_user_shows_once_its_link_was_opened() {
    let app = spawn().await;
    let (_, customer, draft, _) = two_new_requests(&app).await;
    assert!(pending_requests(&app, &customer).await.is_empty());
    open(&app, &customer, &draft).await;
    let pending = pending_requests(&app, &customer).await;
    assert_eq!(pending.len(), 1, "only the request it opened");
    assert_eq!(pending[0].from[0].name, "Fabrikam Kft.");
}

#[tokio::test]
async fn the_customer_declines_its_own_pending_request_and_no_one_elses() {
    let app = spawn().await;
    let (partner, customer, draft, other_id) = two_new_requests(&app).await;
    open(&app, &customer, &draft).await;
    let r = app
        .call(
            "decline_request",
            &form(&[("id", &other_id)]),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .call(
            "decline_request",
            &form(&[("id", &draft.invitation_id)]),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let inv: Vec<InvitationRow> = app
        .call("list_invitations", "", Some(&partner))
        .await
        .decode::<InvitationPage>()
        .rows;
    let declined = inv.iter().find(|i| i.id == draft.invitation_id).unwrap();
    assert_eq!(declined.state, InvitationState::Declined);
    let r = app
        .answer(&customer, &token_of(&draft.link), true, true)
        .await;
    assert_eq!(refusal(&r), "invitation_declined");
}
