//! A partner's side of an existing relationship: its customer's account, and removing the
//! relationship (which keeps the customer's grant).

use super::{customers_of, partners_of, related};
use crate::common::{TestApp, activity_actions, form, northwind, org_id, refusal, spawn};
use app::model::CustomerAccount;
use http::StatusCode;

/// The reseller's customer (with a grant): (reseller cookie, customer cookie, the form body
/// naming the customer).
async fn with_customer(app: &TestApp) -> (String, String, String) {
    let (partner, customer, _) = related(app, true).await;
    let customer_id = org_id(app, &customer).await;
    (partner, customer, form(&[("customer_id", &customer_id)]))
}

#[tokio::test]
async fn a_partner_sees_its_customers_account_and_another_partner_nothing_of_it() {
    let app = spawn().await;
    let (partner, _, body) = with_customer(&app).await;
    let r = app.call("customer_account", &body, Some(&partner)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let account: CustomerAccount = r.decode();
    assert_eq!(account.domain, "adatum.tierlink.example");
    assert!(account.delegated_admin_since.is_some());

    let stranger = northwind(&app).await;
    assert_eq!(
        app.call("customer_account", &body, Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("remove_customer_relationship", &body, Some(&stranger))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_customer_cannot_use_the_partner_side() {
    let app = spawn().await;
    let (_, customer, _) = with_customer(&app).await;
    assert_eq!(
        refusal(&app.call("list_customers", "", Some(&customer)).await),
        "partners_only"
    );
}

#[tokio::test]
async fn a_sales_agent_cannot_remove_a_relationship_and_an_admin_agent_can() {
    let app = spawn().await;
    let (partner, _, body) = with_customer(&app).await;
    let (sales, _) = app
        .user_with_roles(&partner, "sales@fabrikam.example", &["sales_agent"])
        .await;
    let r = app
        .call("remove_customer_relationship", &body, Some(&sales))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let (agent, _) = app
        .user_with_roles(&partner, "agent@fabrikam.example", &["admin_agent"])
        .await;
    let r = app
        .call("remove_customer_relationship", &body, Some(&agent))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn a_removed_relationship_leaves_the_partners_list_and_the_grant_stays() {
    let app = spawn().await;
    let (partner, customer, body) = with_customer(&app).await;
    let (agent, _) = app
        .user_with_roles(&partner, "agent@fabrikam.example", &["admin_agent"])
        .await;
    let r = app
        .call("remove_customer_relationship", &body, Some(&agent))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    assert!(customers_of(&app, &partner, "").await.is_empty());
    assert_eq!(
        app.call("customer_account", &body, Some(&partner))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mine = partners_of(&app, &customer).await;
    assert_eq!(
        mine.len(),
        1,
        "the grant keeps the partner on the customer's page"
    );
    assert_eq!(mine[0].relationship_since, None);
    assert!(mine[0].grant_since.is_some());
    let customer_id = org_id(&app, &customer).await;
    assert!(
        activity_actions(&app, &customer_id)
            .await
            .contains(&"relationship.removed".to_owned())
    );
}
