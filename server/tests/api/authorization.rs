//! The authorization table through the real router: a Global admin of every kind of
//! organization calls every endpoint whose first check is the table's, and is answered exactly
//! as `policy::may` says (the roles half is walked for every role in `users.rs`).

use crate::common::{TestApp, customer_via, form, new_request, provider, spawn};
use app::model::{Action, AppError, OrgKind, Role, policy};
use http::StatusCode;

const NOBODY: &str = "00000000-0000-0000-0000-000000000001";

/// Endpoints, the action each checks first, and a body that gets past decoding.
fn endpoints() -> Vec<(&'static str, Action, String)> {
    let id = |name: &str| form(&[(name, NOBODY)]);
    vec![
        ("list_activity", Action::ViewOrganization, String::new()),
        ("list_invitations", Action::ViewOrganization, String::new()),
        ("list_customers", Action::ViewCustomers, String::new()),
        ("customer_account", Action::ViewCustomers, id("customer_id")),
        ("list_resellers", Action::ViewResellers, String::new()),
        ("reseller_choices", Action::ViewResellers, String::new()),
        ("list_providers", Action::ViewProviders, String::new()),
        ("list_my_partners", Action::ViewMyPartners, String::new()),
        (
            "list_pending_requests",
            Action::ViewMyPartners,
            String::new(),
        ),
        (
            "request_partnership",
            Action::RequestPartnership,
            String::new(),
        ),
        (
            "request_relationship",
            Action::RequestRelationship,
            String::new(),
        ),
        (
            "invite_new_customers",
            Action::InviteJointly,
            id("provider_id"),
        ),
        (
            "revoke_invitation",
            Action::RequestLinks,
            form(&[("id", "x")]),
        ),
        (
            "remove_partnership",
            Action::RemovePartnership,
            id("reseller_id"),
        ),
        (
            "remove_customer_relationship",
            Action::RemoveCustomerRelationship,
            id("customer_id"),
        ),
        ("new_customer_form", Action::PlaceOrders, String::new()),
        (
            "check_reseller_mpn",
            Action::PlaceOrders,
            form(&[("mpn_id", "1")]),
        ),
        ("list_users", Action::ManageUsers, String::new()),
        ("list_api_tokens", Action::ManageApiTokens, String::new()),
        (
            "revoke_api_token",
            Action::ManageApiTokens,
            form(&[("id", "x")]),
        ),
        ("list_webhooks", Action::ManageWebhooks, String::new()),
        (
            "remove_webhook",
            Action::ManageWebhooks,
            form(&[("id", "x")]),
        ),
        (
            "list_webhook_deliveries",
            Action::ManageWebhooks,
            form(&[("id", "x")]),
        ),
        (
            "create_webhook",
            Action::ManageWebhooks,
            form(&[
                ("url", "https://hooks.example.com/t"),
                ("events[customer_created]", "on"),
            ]),
        ),
        (
            "rotate_webhook_secret",
            Action::ManageWebhooks,
            form(&[("id", "x")]),
        ),
        (
            "send_test_webhook",
            Action::ManageWebhooks,
            form(&[("id", "x")]),
        ),
        (
            "redeliver_webhook",
            Action::ManageWebhooks,
            form(&[("id", "x"), ("delivery", "msg_x")]),
        ),
        (
            "update_provider_profile",
            Action::MaintainDirectory,
            form(&[
                ("provider_id", NOBODY),
                ("profile[countries_served]", ""),
                ("profile[website]", ""),
                ("profile[contact_email]", ""),
                ("profile[description]", ""),
            ]),
        ),
        ("list_offers", Action::MaintainOffers, String::new()),
        (
            "end_reseller_relationship",
            Action::ManagePartners,
            id("partner_id"),
        ),
        (
            "remove_delegated_admin",
            Action::ManagePartners,
            id("partner_id"),
        ),
        (
            "decline_request",
            Action::ManagePartners,
            form(&[("id", "x")]),
        ),
    ]
}

/// A Global admin of each kind of organization: (kind, session cookie).
async fn one_of_each_kind(app: &TestApp) -> Vec<(OrgKind, String)> {
    let provider = provider(app).await;
    let reseller = app
        .enroll(
            "reseller",
            "Fabrikam Kft.",
            "9300001",
            "lena@fabrikam.example",
        )
        .await;
    let token = new_request(app, &reseller, true).await;
    let customer = customer_via(app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    let operator = crate::common::operator(app).await;
    vec![
        (OrgKind::Provider, provider),
        (OrgKind::Reseller, reseller),
        (OrgKind::Customer, customer),
        (OrgKind::Operator, operator),
    ]
}

#[tokio::test]
async fn every_kind_of_organization_against_every_action_through_the_router() {
    let app = spawn().await;
    let actors = one_of_each_kind(&app).await;
    let mut checked = std::collections::HashSet::new();
    for (endpoint, action, body) in endpoints() {
        checked.insert(format!("{action:?}"));
        for (kind, cookie) in &actors {
            let r = app.call(endpoint, &body, Some(cookie)).await;
            match policy::may(*kind, &[Role::GlobalAdmin], action) {
                Err(refusal) => {
                    let want = serde_json::to_value(AppError::from(refusal)).unwrap();
                    assert_eq!(r.json(), want, "{endpoint} as {kind:?}: {}", r.body);
                }
                Ok(()) => assert!(
                    r.status != StatusCode::FORBIDDEN && !r.body.contains("_only"),
                    "{endpoint} as {kind:?} is allowed: {} {}",
                    r.status,
                    r.body
                ),
            }
        }
    }
    // Every action of the table has an endpoint here but these, checked elsewhere: answering a
    // link (its token is checked first: partnerships and customers), a customer's users (the
    // grant is checked before the role: orders), and Global admin grants (users).
    for action in Action::ALL {
        let elsewhere = matches!(
            action,
            Action::RespondToPartnership
                | Action::AnswerCustomerRequest
                | Action::ManageCustomerUsers
                | Action::GrantGlobalAdmin
        );
        assert!(
            elsewhere || checked.contains(&format!("{action:?}")),
            "{action:?} has no endpoint checked here"
        );
    }
}
