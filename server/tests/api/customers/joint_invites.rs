//! Joint invites (W7): a reseller and its provider invite a customer together.

use super::{customers_of, joint_invite, open_preview, partnered, partners_of, reseller};
use crate::common::{
    activity_actions, customer_via, form, new_request, org_id, provider, refusal, spawn, token_of,
};
use app::model::{Decision, Draft, InvitationKind, InvitationPage, InvitationRow, PartnerRow};
use http::StatusCode;

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
    let draft: Draft = r.decode();
    assert!(draft.subject.contains("Contoso Kft."));
    let token = token_of(&draft.link);
    let preview = open_preview(&app, &token).await;
    assert_eq!(preview.kind, InvitationKind::JointInvite);
    assert_eq!(preview.from[0].name, "Fabrikam Kft.");
    assert_eq!(preview.from[1].name, "Contoso Kft.");

    // The provider sees it among its invitations, not as its own to re-issue.
    let inv: Vec<InvitationRow> = app
        .call("list_invitations", "", Some(&provider))
        .await
        .decode::<InvitationPage>()
        .rows;
    let joint = inv
        .iter()
        .find(|i| i.kind == InvitationKind::JointInvite)
        .expect("listed for the provider");
    assert!(!joint.mine);

    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("reseller_relationships").await, 2);
    let reseller_list = customers_of(&app, &partner, "").await;
    let provider_list = customers_of(&app, &provider, "").await;
    assert_eq!(reseller_list.len(), 1);
    assert_eq!(provider_list.len(), 1);
    assert!(
        reseller_list[0].delegated_admin,
        "the grant goes to the reseller"
    );
    assert!(!provider_list[0].delegated_admin);
    let resellers: Vec<PartnerRow> = app
        .call("list_resellers", "", Some(&provider))
        .await
        .decode();
    assert_eq!(resellers[0].shared_customers, 1);
    assert_eq!(partners_of(&app, &customer).await.len(), 2);
}

#[tokio::test]
async fn a_joint_invite_adds_only_what_is_missing_and_tells_every_partner() {
    let app = spawn().await;
    let (_, partner, provider_id, reseller_id) = partnered(&app).await;
    // The customer already has the reseller, with a grant.
    let first = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &first, "Adatum Kft.", "adatum", "e@adatum.example").await;
    app.answer(&customer, &first, true, true).await;

    let invite: Draft = joint_invite(&app, &partner, &provider_id).await.decode();
    let token = token_of(&invite.link);
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        r.decode::<Decision>().next,
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
    let invite: Draft = joint_invite(&app, &partner, &provider_id).await.decode();
    let token = token_of(&invite.link);
    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &reseller_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(refusal(&r), "joint_partnership_ended");
    assert_eq!(app.count("reseller_relationships").await, 0);
    // Declining still works.
    let r = app.answer(&customer, &token, false, false).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
