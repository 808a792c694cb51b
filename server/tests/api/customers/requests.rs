//! A partner's reseller relationship request (W6): its draft and link, the customer who creates
//! its organization from the link and accepts, and the link's life after that.

use super::{customers_of, open_preview, partners_of, related, reseller};
use crate::common::{
    TestApp, activity_actions, customer_via, field_code, form, new_request, org_id, provider,
    refusal, request_relationship, spawn, token_of, try_customer,
};
use app::model::{Decision, DomainCheck, Draft, ErrorCode, InvitationKind, OrgKind, Role};
use http::StatusCode;
use server::on;

/// Whether a domain prefix can be had, as the link's page checks it while the customer types.
async fn check_domain(app: &TestApp, token: &str, prefix: &str) -> DomainCheck {
    app.call(
        "check_domain",
        &form(&[("token", token), ("prefix", prefix)]),
        None,
    )
    .await
    .decode()
}

#[tokio::test]
async fn a_request_drafts_an_email_that_carries_its_link() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let r = request_relationship(&app, &partner, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft: Draft = r.decode();
    assert!(draft.body.contains(&draft.link));
    assert!(
        draft.body.contains("delegated admin permissions"),
        "{}",
        draft.body
    );
    assert!(draft.subject.contains("Fabrikam Kft."));
}

#[tokio::test]
async fn the_link_shows_who_asks_and_for_what() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let p = open_preview(&app, &token).await;
    assert_eq!(p.kind, InvitationKind::ResellerRelationship);
    assert!(p.ask_delegated_admin);
    assert_eq!(p.from[0].mpn_id.as_deref(), Some("9100001"));
    assert_eq!(p.tenant_suffix, "tierlink.example");
}

#[tokio::test]
async fn the_domain_is_checked_as_it_is_typed() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let free = check_domain(&app, &token, "Adatum").await;
    assert!(free.available);
    assert_eq!(free.domain.as_deref(), Some("adatum.tierlink.example"));
    assert_eq!(
        check_domain(&app, &token, "-bad-").await.problem,
        Some(ErrorCode::DomainFormat)
    );
    customer_via(
        &app,
        &token,
        "Adatum Kft.",
        "adatum",
        "eszter@adatum.example",
    )
    .await;
    assert_eq!(
        check_domain(&app, &token, "ADATUM").await.problem,
        Some(ErrorCode::DomainTaken)
    );
}

#[tokio::test]
async fn the_customer_creates_its_organization_from_the_link_as_its_global_admin() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(
        &app,
        &token,
        "Adatum Kft.",
        "adatum",
        "eszter@adatum.example",
    )
    .await;
    let me = app.actor(&customer).await.expect("signed in");
    assert_eq!(me.org_kind, OrgKind::Customer);
    assert_eq!(me.org_domain.as_deref(), Some("adatum.tierlink.example"));
    assert_eq!(me.roles[0], Role::GlobalAdmin);
}

#[tokio::test]
async fn accepting_needs_the_customer_agreement() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app.answer(&customer, &token, true, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_code(&r, "authorize").as_deref(),
        Some("agreement_required")
    );
    assert_eq!(app.count("reseller_relationships").await, 0);
}

#[tokio::test]
async fn an_accepted_request_relates_the_customer_and_grants_delegated_admin() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.decode::<Decision>().next, "/partners?accepted=1");
    assert_eq!(app.count("reseller_relationships").await, 1);
    assert_eq!(app.count("delegated_admin_grants").await, 1);
    assert_eq!(app.count("customer_agreements").await, 1);
}

#[tokio::test]
async fn the_partner_lists_and_finds_its_new_customer() {
    let app = spawn().await;
    let (partner, _, _) = related(&app, true).await;
    let list = customers_of(&app, &partner, "").await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].name, "Adatum Kft.");
    assert_eq!(list[0].domain, "adatum.tierlink.example");
    assert!(list[0].delegated_admin);
    assert_eq!(customers_of(&app, &partner, "ADAT").await.len(), 1);
    assert_eq!(customers_of(&app, &partner, "tierlink.exa").await.len(), 1);
    assert_eq!(customers_of(&app, &partner, "%").await.len(), 0);
}

#[tokio::test]
async fn the_customer_sees_its_partner_with_the_relationship_and_the_grant() {
    let app = spawn().await;
    let (_, customer, _) = related(&app, true).await;
    let mine = partners_of(&app, &customer).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].name, "Fabrikam Kft.");
    assert!(mine[0].relationship_since.is_some());
    assert!(mine[0].grant_since.is_some());
}

#[tokio::test]
async fn both_sides_find_the_acceptance_in_their_activity() {
    let app = spawn().await;
    let (partner, customer, _) = related(&app, true).await;
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
}

#[tokio::test]
async fn a_request_link_works_once() {
    let app = spawn().await;
    let (_, customer, token) = related(&app, true).await;
    let r = app.answer(&customer, &token, true, true).await;
    assert_eq!(refusal(&r), "invitation_used");
}

#[tokio::test]
async fn without_delegated_admin_asked_the_customer_grants_none() {
    let app = spawn().await;
    let (partner, _, _) = related(&app, false).await;
    assert_eq!(app.count("delegated_admin_grants").await, 0);
    assert!(!customers_of(&app, &partner, "").await[0].delegated_admin);
}

#[tokio::test]
async fn a_us_government_cloud_partner_must_ask_for_delegated_admin() {
    let app = spawn().await;
    let gov = super::gov_reseller(&app).await;
    let r = request_relationship(&app, &gov, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refusal(&r), "delegated_admin_required");
    assert_eq!(
        request_relationship(&app, &gov, true).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_customer_is_created_only_from_a_customer_request() {
    let app = spawn().await;
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
    let partnership: Draft = app
        .call("request_partnership", "", Some(&provider))
        .await
        .decode();
    let r = try_customer(
        &app,
        &token_of(&partnership.link),
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
}

#[tokio::test]
async fn a_new_customers_details_are_checked_field_by_field() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
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
}

#[tokio::test]
async fn a_taken_domain_or_email_creates_no_second_customer() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
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
    let (orgs,): (i64,) = on!(app.services.pool(), |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM organizations WHERE kind = 'customer'"
    )
    .fetch_one(ex)
    .await)
    .unwrap();
    assert_eq!(orgs, 1);
}

#[tokio::test]
async fn requests_are_reissued_and_revoked_like_every_invitation() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let draft: Draft = request_relationship(&app, &partner, true).await.decode();
    let id = draft.invitation_id.clone();
    let r = app
        .call("reissue_invitation", &form(&[("id", &id)]), Some(&partner))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again: Draft = r.decode();
    assert!(again.body.contains("delegated admin permissions"));
    let old = app
        .call(
            "preview_invitation",
            &form(&[("token", &token_of(&draft.link))]),
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
        &token_of(&again.link),
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
