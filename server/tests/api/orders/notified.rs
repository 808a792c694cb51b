//! A provider's order for a customer of a reseller tells the reseller (a notification).

use super::{line, placed, world};
use crate::common::spawn;
use app::model::{NoticeKind, NoticePage};
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_order_for_a_resellers_customer_tells_the_reseller() {
    let app = spawn().await;
    let w = world(&app).await;
    // The partnership's own notice, read.
    app.call("list_notifications", "", Some(&w.provider)).await;
    let done = placed(
        &app,
        &w.provider,
        Some(&w.reseller_id),
        "Adatum Kft.",
        "adatum",
        json!([line(&w.office, 5)]),
    )
    .await;
    let r = app.call("list_notifications", "", Some(&w.reseller)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page: NoticePage = r.decode();
    let n = &page.notices[0];
    assert_eq!(n.kind, NoticeKind::OrderPlaced);
    assert_eq!(n.other, "Contoso Kft.");
    assert_eq!(n.customer.as_deref(), Some("Adatum Kft."));
    assert_eq!(n.customer_id, Some(done.customer_id));
    // The provider placed it: nothing for the provider.
    let r = app
        .call("unread_notifications", "", Some(&w.provider))
        .await;
    assert_eq!(r.decode::<u32>(), 0);
    // Without a reseller, no reseller hears of it.
    let before = app.count("notifications").await;
    placed(
        &app,
        &w.provider,
        None,
        "Tailspin Kft.",
        "tailspin",
        json!([line(&w.office, 5)]),
    )
    .await;
    assert_eq!(app.count("notifications").await, before);
}
