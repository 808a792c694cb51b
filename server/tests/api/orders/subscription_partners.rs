//! A subscription's Reseller (MPN ID) and Designated support contact (W12): the MPN ID checked as
//! it is typed, set, refused and cleared, by the provider that sold it only.

use super::{RESELLER_MPN, Sold, set_partners, snapshot, sold, subscription_detail};
use crate::common::{TestApp, activity_actions, field_code, form, northwind, spawn};
use app::model::{ErrorCode, ResellerCheck};
use http::StatusCode;

/// The reseller an MPN ID names, as the provider types it.
async fn check(app: &TestApp, cookie: &str, mpn: &str) -> ResellerCheck {
    let r = app
        .call(
            "check_reseller_mpn",
            &form(&[("mpn_id", mpn)]),
            Some(cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{mpn}: {}", r.body);
    r.decode()
}

#[tokio::test]
async fn a_resellers_mpn_id_is_checked_as_it_is_typed() {
    let app = spawn().await;
    let Sold { w, .. } = sold(&app).await;
    app.enroll("provider", "Litware Kft.", "9100004", "l@litware.example")
        .await;
    assert_eq!(
        check(&app, &w.provider, "12ab").await.problem,
        Some(ErrorCode::MpnIdFormat)
    );
    assert_eq!(
        check(&app, &w.provider, "7777777").await.problem,
        Some(ErrorCode::ResellerUnknown)
    );
    northwind(&app).await;
    assert_eq!(
        check(&app, &w.provider, "9100003").await.problem,
        Some(ErrorCode::ResellerNotPartnered)
    );
    assert_eq!(
        check(&app, &w.provider, "9100004").await.problem,
        Some(ErrorCode::ResellerUnknown),
        "a provider's MPN ID names no reseller"
    );
    let ok = check(&app, &w.provider, " 9100001 ").await;
    assert_eq!(ok.problem, None, "{ok:?}");
    let reseller = ok.reseller.expect("the reseller");
    assert_eq!(reseller.name, "Fabrikam Kft.");
    assert_eq!(reseller.org_id.to_string(), w.reseller_id);
}

#[tokio::test]
async fn a_reseller_checks_no_mpn_id() {
    let app = spawn().await;
    let Sold { w, .. } = sold(&app).await;
    let r = app
        .call(
            "check_reseller_mpn",
            &form(&[("mpn_id", "9100001")]),
            Some(&w.reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_wrong_reseller_or_support_contact_changes_nothing() {
    let app = spawn().await;
    let Sold {
        w,
        customer_id,
        office_sub,
        ..
    } = sold(&app).await;
    northwind(&app).await;
    let before = snapshot(&app).await;
    for (mpn, code) in [
        ("9100003", "reseller_not_partnered"),
        ("7777777", "reseller_unknown"),
        ("abc", "mpn_id_format"),
    ] {
        let r = set_partners(&app, &w.provider, &office_sub, mpn, &w.reseller_id).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(
            field_code(&r, "reseller_mpn_id").as_deref(),
            Some(code),
            "{mpn}"
        );
    }
    let random = uuid::Uuid::now_v7().to_string();
    for contact in [random.as_str(), "nonsense", &customer_id] {
        let r = set_partners(&app, &w.provider, &office_sub, RESELLER_MPN, contact).await;
        assert_eq!(
            field_code(&r, "support_contact").as_deref(),
            Some("support_contact_unknown"),
            "{contact}: {}",
            r.body
        );
    }
    assert_eq!(snapshot(&app).await, before, "nothing changed");
    let detail = subscription_detail(&app, &w.provider, &customer_id, &office_sub).await;
    assert_eq!(detail.reseller, None);
    assert_eq!(detail.support_contact.to_string(), w.provider_id);
}

#[tokio::test]
async fn the_provider_names_a_partnered_reseller_as_reseller_and_support_contact() {
    let app = spawn().await;
    let Sold {
        w,
        customer_id,
        office_sub,
        ..
    } = sold(&app).await;
    let r = set_partners(&app, &w.provider, &office_sub, RESELLER_MPN, &w.reseller_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let detail = subscription_detail(&app, &w.provider, &customer_id, &office_sub).await;
    let reseller = detail.reseller.as_ref().expect("a reseller");
    assert_eq!(reseller.org_id.to_string(), w.reseller_id);
    assert_eq!(reseller.mpn_id, RESELLER_MPN);
    assert_eq!(detail.support_contact.to_string(), w.reseller_id);
    let choices: Vec<String> = detail
        .contact_choices
        .iter()
        .map(|c| c.org_id.to_string())
        .collect();
    assert_eq!(choices, [w.provider_id.as_str(), w.reseller_id.as_str()]);
    let on_reseller = activity_actions(&app, &w.reseller_id).await;
    for code in [
        "subscription.reseller_set",
        "subscription.support_contact_set",
    ] {
        assert!(
            on_reseller.iter().any(|a| a == code),
            "{code}: {on_reseller:?}"
        );
    }
}

#[tokio::test]
async fn with_the_reseller_cleared_the_provider_supports_it_itself() {
    let app = spawn().await;
    let Sold {
        w,
        customer_id,
        office_sub,
        ..
    } = sold(&app).await;
    let r = set_partners(&app, &w.provider, &office_sub, RESELLER_MPN, &w.reseller_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = set_partners(&app, &w.provider, &office_sub, "", &w.provider_id).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let detail = subscription_detail(&app, &w.provider, &customer_id, &office_sub).await;
    assert_eq!(detail.reseller, None);
    assert_eq!(detail.support_contact.to_string(), w.provider_id);
}

#[tokio::test]
async fn only_the_provider_that_sold_it_sets_its_partners() {
    let app = spawn().await;
    let Sold { w, office_sub, .. } = sold(&app).await;
    let r = set_partners(&app, &w.reseller, &office_sub, "", &w.reseller_id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}
