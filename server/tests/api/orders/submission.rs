//! A New customer submission takes effect once per request key, and wholly or not at all.

use super::{TENANT, customer_count, details, line, new_key, place, scalar, snapshot, world};
use crate::common::{join_all, on_sqlite, refusal, spawn};
use http::StatusCode;
use serde_json::json;
use server::on;

#[tokio::test]
async fn a_second_submit_with_the_same_key_is_refused() {
    let app = spawn().await;
    let w = world(&app).await;
    let key = new_key(&app, &w.provider).await;
    let d = details("Adatum Kft.", "adatum", "HU");
    let lines = json!([line(&w.office, 2)]);
    let first = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        lines.clone(),
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = place(&app, &w.provider, &key, Some(&w.reseller_id), &d, lines).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert_eq!(refusal(&second), "order_already_submitted");
    assert_eq!(app.count("orders").await, 1);
    assert_eq!(customer_count(&app).await, 1);
}

/// Both at once, the second a little later each time until it comes after the first ended:
/// whenever it arrives, one customer is created and the other submission is told so (not, say,
/// that the first one's domain is taken).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_submits_with_the_same_key_at_once_create_one_customer() {
    let app = spawn().await;
    let w = world(&app).await;
    let lines = json!([line(&w.office, 2)]);
    // One order alone, timed: how long the second one may come after the first.
    let key = new_key(&app, &w.provider).await;
    let d = details("Adatum Kft.", "adatum", "HU");
    let t = std::time::Instant::now();
    let first = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        lines.clone(),
    )
    .await;
    let one_order = t.elapsed();
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);

    let steps = u64::try_from(one_order.as_micros() / 100 + 20)
        .unwrap()
        .min(400);
    for i in 0..steps {
        let key = new_key(&app, &w.provider).await;
        let d = details("Twin Kft.", &format!("twin{i}"), "HU");
        let later = std::time::Duration::from_micros(i * 100);
        let (a, b) = tokio::join!(
            place(&app, &w.provider, &key, None, &d, lines.clone()),
            async {
                tokio::time::sleep(later).await;
                place(&app, &w.provider, &key, None, &d, lines.clone()).await
            },
        );
        let mut statuses = [a.status, b.status];
        statuses.sort();
        assert_eq!(
            statuses,
            [StatusCode::OK, StatusCode::CONFLICT],
            "{i}: {}\n{}",
            a.body,
            b.body
        );
        let loser = if a.status == StatusCode::OK { &b } else { &a };
        assert_eq!(refusal(loser), "order_already_submitted", "{}", loser.body);
        let domain = format!("twin{i}.{TENANT}");
        let n = scalar(
            &app,
            "SELECT COUNT(*) FROM organizations WHERE primary_domain = $1",
            &domain,
        )
        .await;
        assert_eq!(n, 1);
    }
    let n = i64::try_from(steps).unwrap();
    assert_eq!(customer_count(&app).await, 1 + n);
    assert_eq!(app.count("orders").await, 1 + n);
    assert_eq!(app.count("subscriptions").await, 1 + n);
}

/// Fifty orders each submitted twice at once, once through each of two instances on the same
/// database (a double click that a load balancer spread): each makes one customer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn double_submits_spread_over_two_instances_create_one_customer_each() {
    let a = spawn().await;
    let b = a.second_instance().await;
    let w = world(&a).await;
    let lines = json!([line(&w.office, 2)]);
    let mut keys = Vec::new();
    for i in 0..50 {
        keys.push((
            new_key(&a, &w.provider).await,
            details("Twin Kft.", &format!("twin{i}"), "HU"),
        ));
    }
    let replies = join_all(keys.iter().flat_map(|(key, d)| {
        [
            place(&a, &w.provider, key, None, d, lines.clone()),
            place(&b, &w.provider, key, None, d, lines.clone()),
        ]
    }))
    .await;
    let ok = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let refused = replies
        .iter()
        .filter(|r| r.status == StatusCode::CONFLICT && refusal(r) == "order_already_submitted")
        .count();
    assert_eq!(
        (ok, refused),
        (50, 50),
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(customer_count(&a).await, 50);
    assert_eq!(b.count("orders").await, 50);
    assert_eq!(b.count("subscriptions").await, 50);
}

#[tokio::test]
async fn a_new_customer_is_written_in_one_transaction() {
    let app = spawn().await;
    let w = world(&app).await;
    let before = snapshot(&app).await;
    // A trigger that fails every subscription insert, in each backend's own words.
    let failing = if on_sqlite() {
        "CREATE TRIGGER fail_subs BEFORE INSERT ON subscriptions
         BEGIN SELECT RAISE(ABORT, 'injected'); END;"
    } else {
        "CREATE FUNCTION fail_subs() RETURNS trigger LANGUAGE plpgsql
             AS $$ BEGIN RAISE EXCEPTION 'injected'; END $$;
         CREATE TRIGGER fail_subs BEFORE INSERT ON subscriptions
             FOR EACH ROW EXECUTE FUNCTION fail_subs();"
    };
    on!(app.services.pool(), |ex| sqlx::raw_sql(failing)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    let key = new_key(&app, &w.provider).await;
    let d = details("Adatum Kft.", "adatum", "HU");
    let lines = json!([line(&w.office, 2), line(&w.backup, 5)]);
    let r = place(
        &app,
        &w.provider,
        &key,
        Some(&w.reseller_id),
        &d,
        lines.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{}", r.body);
    assert!(
        !r.body.contains("injected"),
        "no internals on the wire: {}",
        r.body
    );
    assert_eq!(snapshot(&app).await, before, "nothing of it remains");

    let drop_trigger = if on_sqlite() {
        "DROP TRIGGER fail_subs"
    } else {
        "DROP TRIGGER fail_subs ON subscriptions"
    };
    on!(app.services.pool(), |ex| sqlx::query(drop_trigger)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))
    .unwrap();
    let r = place(&app, &w.provider, &key, Some(&w.reseller_id), &d, lines).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(app.count("subscriptions").await, 2);
    assert_eq!(app.count("orders").await, 1);
    assert_eq!(app.count("customer_profiles").await, 1);
}
