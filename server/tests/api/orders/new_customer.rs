//! The New customer wizard (W10) when everything is right: what its steps show, and what placing
//! a new customer writes, tells and lists, with a reseller and without.

use super::{
    RESELLER_MPN, TENANT, World, customer_count, customer_page, details, line, new_key, page_ids,
    place, placed, subscriptions_of, world,
};
use crate::common::{TestApp, activity_actions, form, spawn};
use app::model::{CustomerPartnerRow, DomainCheck, NewCustomerDone, NewCustomerForm, OrgKind};
use http::StatusCode;
use serde_json::json;
use server::on;

/// Adatum Kft., placed by the provider with the reseller: 25 Office Suite and 5 Cloud Backup.
struct Placed {
    w: World,
    /// The order's request key.
    key: String,
    done: NewCustomerDone,
    customer_id: String,
}

async fn placed_with_reseller(app: &TestApp) -> Placed {
    let w = world(app).await;
    let key = new_key(app, &w.provider).await;
    let r = place(
        app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &details("Adatum Kft.", "adatum", "HU"),
        json!([line(&w.office, 25), line(&w.backup, 5)]),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done: NewCustomerDone = r.decode();
    let customer_id = done.customer_id.to_string();
    Placed {
        w,
        key,
        done,
        customer_id,
    }
}

#[tokio::test]
async fn the_form_offers_the_providers_resellers_countries_and_offers() {
    let app = spawn().await;
    let w = world(&app).await;
    let r = app.call("new_customer_form", "", Some(&w.provider)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let f: NewCustomerForm = r.decode();
    assert_eq!(f.resellers[0].name, "Fabrikam Kft.");
    assert_eq!(f.resellers[0].mpn_id, RESELLER_MPN);
    assert_eq!(f.tenant_suffix, TENANT);
    assert_eq!(f.offers.len(), 2);
    assert!(f.countries.iter().any(|c| c == "HU"), "{f:?}");
    assert!(!f.countries.iter().any(|c| c == "US"));
}

#[tokio::test]
async fn a_free_domain_and_good_details_pass_the_checks_of_each_step() {
    let app = spawn().await;
    let w = world(&app).await;
    let check: DomainCheck = app
        .call(
            "check_new_domain",
            &form(&[("prefix", "Adatum")]),
            Some(&w.provider),
        )
        .await
        .decode();
    assert!(check.available);
    assert_eq!(check.domain.as_deref(), Some("adatum.tierlink.example"));
    let r = app
        .call_json(
            "check_customer_details",
            &json!({ "details": details("Adatum Kft.", "adatum", "HU") }),
            Some(&w.provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn the_confirmation_names_the_customer_its_admin_and_its_reseller() {
    let app = spawn().await;
    let Placed { done, .. } = placed_with_reseller(&app).await;
    assert_eq!(done.admin_user, "admin@adatum.tierlink.example");
    assert_eq!(done.domain, "adatum.tierlink.example");
    assert_eq!(done.name, "Adatum Kft.");
    assert_eq!(done.reseller.as_deref(), Some("Fabrikam Kft."));
    assert_eq!(done.subscriptions, 2);
    assert!(
        done.temporary_password.len() >= 12,
        "{}",
        done.temporary_password
    );
}

#[tokio::test]
async fn the_customer_is_written_with_its_profile_and_an_admin_who_must_change_the_password() {
    let app = spawn().await;
    let Placed { customer_id, .. } = placed_with_reseller(&app).await;
    let pool = app.services.pool();
    let (kind, domain, country): (String, String, String) = on!(pool, |ex| sqlx::query_as(
        "SELECT kind, primary_domain, country FROM organizations WHERE id = $1"
    )
    .bind(&customer_id)
    .fetch_one(ex)
    .await)
    .unwrap();
    assert_eq!(
        (kind.as_str(), domain.as_str(), country.as_str()),
        ("customer", "adatum.tierlink.example", "HU")
    );
    assert_eq!(customer_count(&app).await, 1);
    let (city, phone, email): (String, String, String) = on!(pool, |ex| {
        sqlx::query_as(
        "SELECT city, contact_phone, contact_email FROM customer_profiles WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_one(ex)
    .await
    })
    .unwrap();
    assert_eq!(
        (city.as_str(), phone.as_str(), email.as_str()),
        ("Budapest", "+36 1 234 5678", "eszter@adatum.example")
    );
    let users: Vec<(String, String, bool)> = on!(pool, |ex| sqlx::query_as(
        "SELECT u.email, r.role, u.must_change_password FROM users u
         JOIN user_roles r ON r.user_id = u.id WHERE u.organization_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await)
    .unwrap();
    assert_eq!(
        users,
        [(
            "admin@adatum.tierlink.example".to_owned(),
            "global_admin".to_owned(),
            true
        )]
    );
}

#[tokio::test]
async fn both_partners_become_resellers_of_record_and_the_reseller_gets_the_grant() {
    let app = spawn().await;
    let Placed { w, customer_id, .. } = placed_with_reseller(&app).await;
    let pool = app.services.pool();
    let mut related: Vec<(String, Option<String>)> = on!(pool, |ex| sqlx::query_as(
        "SELECT partner_id, customer_name_folded FROM reseller_relationships
         WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await)
    .unwrap();
    related.sort();
    let mut expected = vec![
        (w.provider_id.clone(), Some("adatum kft.".to_owned())),
        (w.reseller_id.clone(), Some("adatum kft.".to_owned())),
    ];
    expected.sort();
    assert_eq!(related, expected, "both resellers of record");
    let grants: Vec<(String,)> = on!(pool, |ex| {
        sqlx::query_as(
        "SELECT partner_id FROM delegated_admin_grants WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await
    })
    .unwrap();
    assert_eq!(
        grants,
        [(w.reseller_id.clone(),)],
        "the grant goes to the reseller"
    );
}

#[tokio::test]
async fn the_order_and_its_subscriptions_name_the_provider_and_the_reseller() {
    let app = spawn().await;
    let Placed {
        w,
        key,
        customer_id,
        ..
    } = placed_with_reseller(&app).await;
    let pool = app.services.pool();
    let orders: Vec<(String, Option<String>, String)> = on!(pool, |ex| sqlx::query_as(
        "SELECT provider_id, reseller_id, request_key FROM orders WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await)
    .unwrap();
    assert_eq!(
        orders,
        [(w.provider_id.clone(), Some(w.reseller_id.clone()), key)]
    );
    let mut subs: Vec<(String, i64, String, Option<String>, String, String)> =
        on!(pool, |ex| sqlx::query_as(
            "SELECT offer_id, licenses, provider_id, reseller_id, support_contact_id, status
         FROM subscriptions WHERE customer_id = $1",
        )
        .bind(&customer_id)
        .fetch_all(ex)
        .await)
        .unwrap();
    subs.sort();
    let mut want = vec![
        (
            w.office.clone(),
            25,
            w.provider_id.clone(),
            Some(w.reseller_id.clone()),
            w.reseller_id.clone(),
            "active".to_owned(),
        ),
        (
            w.backup.clone(),
            5,
            w.provider_id.clone(),
            Some(w.reseller_id.clone()),
            w.reseller_id.clone(),
            "active".to_owned(),
        ),
    ];
    want.sort();
    assert_eq!(subs, want);
}

#[tokio::test]
async fn the_customer_and_both_partners_find_it_in_their_activity() {
    let app = spawn().await;
    let Placed { w, customer_id, .. } = placed_with_reseller(&app).await;
    let on_customer = activity_actions(&app, &customer_id).await;
    let on_provider = activity_actions(&app, &w.provider_id).await;
    let on_reseller = activity_actions(&app, &w.reseller_id).await;
    for (who, actions, codes) in [
        (
            "customer",
            &on_customer,
            &[
                "customer.created",
                "relationship.created",
                "delegated_admin.granted",
                "subscription.added",
            ][..],
        ),
        (
            "provider",
            &on_provider,
            &[
                "customer.created",
                "relationship.created",
                "subscription.added",
            ][..],
        ),
        (
            "reseller",
            &on_reseller,
            &[
                "relationship.created",
                "delegated_admin.granted",
                "subscription.added",
            ][..],
        ),
    ] {
        for code in codes {
            assert!(
                actions.iter().any(|a| a == code),
                "{who} {code}: {actions:?}"
            );
        }
    }
    assert_eq!(
        on_customer
            .iter()
            .filter(|a| *a == "subscription.added")
            .count(),
        2
    );
    assert!(
        !on_provider.iter().any(|a| a == "delegated_admin.granted"),
        "{on_provider:?}"
    );
}

#[tokio::test]
async fn the_customers_admin_changes_the_temporary_password_before_anything_else() {
    let app = spawn().await;
    let Placed {
        done, customer_id, ..
    } = placed_with_reseller(&app).await;
    let temp = done.temporary_password;
    let s = app.sign_in("admin@adatum.tierlink.example", &temp).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.body);
    let admin = s.session_cookie().unwrap();
    let me = app.actor(&admin).await.expect("signed in");
    assert!(me.must_change_password);
    assert_eq!(me.org_kind, OrgKind::Customer);
    assert_eq!(me.org_id.to_string(), customer_id);
    let r = app.call("list_my_partners", "", Some(&admin)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json(), json!("PasswordChangeRequired"));
    let c = app.change_password(&admin, &temp).await;
    assert_eq!(c.status, StatusCode::OK, "{}", c.body);
    let partners = app.call("list_my_partners", "", Some(&admin)).await;
    assert_eq!(partners.status, StatusCode::OK, "{}", partners.body);
    assert_eq!(partners.decode::<Vec<CustomerPartnerRow>>().len(), 2);
}

#[tokio::test]
async fn the_customer_is_on_both_partners_lists_with_the_reseller_holding_the_grant() {
    let app = spawn().await;
    let Placed { w, done, .. } = placed_with_reseller(&app).await;
    let p = customer_page(&app, &w.provider, &[]).await;
    assert_eq!(page_ids(&p), [done.customer_id]);
    assert_eq!(p.rows[0].domain, "adatum.tierlink.example");
    assert!(!p.rows[0].delegated_admin);
    let r = customer_page(&app, &w.reseller, &[]).await;
    assert_eq!(page_ids(&r), [done.customer_id]);
    assert!(r.rows[0].delegated_admin);
}

#[tokio::test]
async fn the_providers_list_filtered_by_the_reseller_shows_their_shared_customer() {
    let app = spawn().await;
    let Placed { w, done, .. } = placed_with_reseller(&app).await;
    for by in [RESELLER_MPN, "Fabrikam Kft."] {
        let f = customer_page(&app, &w.provider, &[("reseller", by)]).await;
        assert_eq!(page_ids(&f), [done.customer_id], "{by}");
        let reseller = f.reseller.as_ref().expect("the reseller filtered by");
        assert_eq!(reseller.name, "Fabrikam Kft.");
        assert_eq!(reseller.mpn_id, RESELLER_MPN);
        // The row is the provider's own (shared_customers): its domain, its (absent) grant.
        assert_eq!(f.rows[0].domain, "adatum.tierlink.example");
        assert!(!f.rows[0].delegated_admin);
    }
}

#[tokio::test]
async fn a_customer_leaves_the_filtered_list_when_the_reseller_ends_its_relationship() {
    let app = spawn().await;
    let Placed {
        w,
        done,
        customer_id,
        ..
    } = placed_with_reseller(&app).await;
    let body = form(&[("customer_id", &customer_id)]);
    let r = app
        .call("remove_customer_relationship", &body, Some(&w.reseller))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let f = customer_page(&app, &w.provider, &[("reseller", RESELLER_MPN)]).await;
    assert!(page_ids(&f).is_empty());
    // It stays on the provider's own list.
    let p = customer_page(&app, &w.provider, &[]).await;
    assert_eq!(page_ids(&p), [done.customer_id]);
}

#[tokio::test]
async fn without_a_reseller_the_provider_gets_the_grant_and_supports() {
    let app = spawn().await;
    let w = world(&app).await;
    let done = placed(
        &app,
        &w.provider,
        None,
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 3)]),
    )
    .await;
    assert_eq!(done.reseller, None);
    assert_eq!(done.subscriptions, 1);
    let customer_id = done.customer_id.to_string();
    let pool = app.services.pool();
    let related: Vec<(String,)> = on!(pool, |ex| {
        sqlx::query_as(
        "SELECT partner_id FROM reseller_relationships WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await
    })
    .unwrap();
    assert_eq!(related, [(w.provider_id.clone(),)]);
    let grants: Vec<(String,)> = on!(pool, |ex| {
        sqlx::query_as(
        "SELECT partner_id FROM delegated_admin_grants WHERE customer_id = $1 AND ended_at IS NULL",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await
    })
    .unwrap();
    assert_eq!(grants, [(w.provider_id.clone(),)]);
    let subs: Vec<(Option<String>, String)> = on!(pool, |ex| sqlx::query_as(
        "SELECT reseller_id, support_contact_id FROM subscriptions WHERE customer_id = $1",
    )
    .bind(&customer_id)
    .fetch_all(ex)
    .await)
    .unwrap();
    assert_eq!(subs, [(None, w.provider_id.clone())]);
    let (reseller,): (Option<String>,) = on!(pool, |ex| sqlx::query_as(
        "SELECT reseller_id FROM orders WHERE customer_id = $1"
    )
    .bind(&customer_id)
    .fetch_one(ex)
    .await)
    .unwrap();
    assert_eq!(reseller, None);

    let p = customer_page(&app, &w.provider, &[]).await;
    assert!(p.rows[0].delegated_admin);
    let r = customer_page(&app, &w.reseller, &[]).await;
    assert!(page_ids(&r).is_empty(), "the reseller is not related");
    let f = customer_page(&app, &w.provider, &[("reseller", RESELLER_MPN)]).await;
    assert!(page_ids(&f).is_empty());

    let subs = subscriptions_of(&app, &w.provider, &customer_id).await;
    assert_eq!(subs.rows[0].support_contact, "Contoso Kft.");
    assert_eq!(subs.rows[0].reseller, None);
}
