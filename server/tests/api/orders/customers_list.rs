//! Paging through the Customers list by keyset, in every order, searched and filtered by a
//! reseller, over 120 customers inserted directly.

use super::{RESELLER_MPN, TENANT, World, customer_page, list_customers, page_ids, world};
use crate::common::{START_MS, TestApp, field_code, northwind, spawn};
use app::model::{CustomerPage, OrgId};
use http::StatusCode;
use server::on;

/// One customer inserted directly.
struct Seeded {
    id: String,
    /// Folded.
    name: String,
    since: i64,
    /// Also the reseller's customer.
    shared: bool,
}

/// The world with 119 customers on the provider's list, and one whose relationship ended.
struct Listed {
    w: World,
    seeded: Vec<Seeded>,
    /// Not on the list any more.
    ended: Seeded,
}

impl Listed {
    /// The ids the list should show, in `sort` order, of the customers `only` keeps.
    fn expected(&self, sort: &str, only: &dyn Fn(&Seeded) -> bool) -> Vec<OrgId> {
        let mut rows: Vec<&Seeded> = self.seeded.iter().filter(|s| only(s)).collect();
        match sort {
            "newest" => rows.sort_by(|a, b| (b.since, &b.id).cmp(&(a.since, &a.id))),
            "oldest" => rows.sort_by(|a, b| (a.since, &a.id).cmp(&(b.since, &b.id))),
            _ => rows.sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id))),
        }
        rows.into_iter().map(|s| s.id.parse().unwrap()).collect()
    }
}

/// 120 customers. Dates repeat in threes and names in pairs, so that the id decides ties; ids
/// are handed out in an order unrelated to either. Every other one is also the reseller's
/// customer; the provider's relationship with the sixth has ended.
async fn listed(app: &TestApp) -> Listed {
    let w = world(app).await;
    let pool = app.services.pool();
    let ids: Vec<String> = (0..120).map(|_| uuid::Uuid::now_v7().to_string()).collect();
    let mut seeded = Vec::new();
    for i in 0..120usize {
        let id = ids[(i * 7) % 120].clone();
        let name = format!("Customer {:03}", (i * 37) % 60);
        let since = START_MS - 86_400_000 + i64::try_from(i / 3).unwrap() * 60_000;
        on!(pool, |ex| sqlx::query(
            "INSERT INTO organizations (id, kind, legal_name, name_folded, country, cloud, created_at, primary_domain)
             VALUES ($1, 'customer', $2, $3, 'HU', 'public', $4, $5)",
        )
        .bind(&id)
        .bind(&name)
        .bind(name.to_lowercase())
        .bind(since)
        .bind(format!("c{i:03}.{TENANT}"))
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
        // With the copies of the customer's name, domain and country that the list reads.
        let relationship = "INSERT INTO reseller_relationships (id, partner_id, customer_id, since,
                customer_name_folded, customer_legal_name, customer_domain, customer_country)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'HU')";
        let partners = if i % 2 == 0 {
            vec![&w.provider_id, &w.reseller_id]
        } else {
            vec![&w.provider_id]
        };
        for partner in partners {
            on!(pool, |ex| sqlx::query(relationship)
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(partner)
                .bind(&id)
                .bind(since)
                .bind(name.to_lowercase())
                .bind(&name)
                .bind(format!("c{i:03}.{TENANT}"))
                .execute(ex)
                .await
                .map(|r| r.rows_affected()))
            .unwrap();
        }
        seeded.push(Seeded {
            id,
            name: name.to_lowercase(),
            since,
            shared: i % 2 == 0,
        });
    }
    on!(pool, |ex| sqlx::query(
        "UPDATE reseller_relationships SET ended_at = $1 WHERE customer_id = $2 AND partner_id = $3"
    )
    .bind(START_MS)
    .bind(&seeded[5].id)
    .bind(&w.provider_id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let ended = seeded.remove(5);
    // What the relationship write paths keep, for the rows seeded with plain SQL above.
    server::db::customers::fill_shared_customers(pool)
        .await
        .unwrap();
    Listed { w, seeded, ended }
}

/// Every page of the provider's list in `sort` order, following `next` from the first.
async fn forward(app: &TestApp, provider: &str, sort: &str) -> Vec<CustomerPage> {
    let mut pages: Vec<CustomerPage> = Vec::new();
    let mut after = String::new();
    loop {
        let page = customer_page(app, provider, &[("sort", sort), ("after", &after)]).await;
        let next = page.next.clone();
        pages.push(page);
        match next {
            Some(n) => after = n,
            None => break,
        }
        assert!(pages.len() < 10, "paging does not end");
    }
    pages
}

#[tokio::test]
async fn every_sort_pages_forward_through_every_row_once_in_order() {
    let app = spawn().await;
    let l = listed(&app).await;
    let ended: OrgId = l.ended.id.parse().unwrap();
    for sort in ["newest", "oldest", "name"] {
        let want = l.expected(sort, &|_| true);
        assert_eq!(want.len(), 119);
        let pages = forward(&app, &l.w.provider, sort).await;
        let sizes: Vec<usize> = pages.iter().map(|p| page_ids(p).len()).collect();
        assert_eq!(sizes, [50, 50, 19], "{sort}");
        let all: Vec<OrgId> = pages.iter().flat_map(page_ids).collect();
        assert_eq!(all, want, "{sort}: every row once, in order");
        assert!(!all.contains(&ended));
        assert_eq!(pages[0].prev, None, "{sort}: the first page");
        assert_eq!(pages[1].prev, Some(page_ids(&pages[1])[0].to_string()));
    }
}

#[tokio::test]
async fn every_sort_pages_back_to_each_previous_page_exactly() {
    let app = spawn().await;
    let l = listed(&app).await;
    for sort in ["newest", "oldest", "name"] {
        let pages = forward(&app, &l.w.provider, sort).await;
        for i in (1..pages.len()).rev() {
            let before = pages[i].prev.clone().unwrap();
            let r =
                customer_page(&app, &l.w.provider, &[("sort", sort), ("before", &before)]).await;
            assert_eq!(
                page_ids(&r),
                page_ids(&pages[i - 1]),
                "{sort}: back from page {i}"
            );
            assert_eq!(r.next, pages[i - 1].next, "{sort}: page {i}");
            assert_eq!(r.prev, pages[i - 1].prev, "{sort}: page {i}");
        }
    }
}

#[tokio::test]
async fn a_garbage_or_stale_cursor_starts_over() {
    let app = spawn().await;
    let l = listed(&app).await;
    for sort in ["newest", "oldest", "name"] {
        let first = customer_page(&app, &l.w.provider, &[("sort", sort), ("after", "")]).await;
        for cursor in ["garbage", &l.ended.id, &uuid::Uuid::now_v7().to_string()] {
            for dir in ["after", "before"] {
                let r = customer_page(&app, &l.w.provider, &[("sort", sort), (dir, cursor)]).await;
                assert_eq!(page_ids(&r), page_ids(&first), "{sort} {dir}={cursor}");
                assert_eq!(r.prev, None);
            }
        }
    }
}

#[tokio::test]
async fn without_a_sort_or_with_an_unknown_one_the_newest_come_first() {
    let app = spawn().await;
    let l = listed(&app).await;
    let default = customer_page(&app, &l.w.provider, &[]).await;
    assert_eq!(page_ids(&default), l.expected("newest", &|_| true)[..50]);
    let bogus = customer_page(&app, &l.w.provider, &[("sort", "bogus")]).await;
    assert_eq!(page_ids(&bogus), page_ids(&default));
}

#[tokio::test]
async fn a_search_narrows_by_name_or_domain() {
    let app = spawn().await;
    let l = listed(&app).await;
    let narrowed = customer_page(
        &app,
        &l.w.provider,
        &[("search", "CUSTOMER 01"), ("sort", "name")],
    )
    .await;
    let want = l.expected("name", &|s| s.name.contains("customer 01"));
    assert_eq!(want.len(), 20);
    assert_eq!(page_ids(&narrowed), want);
    assert_eq!(narrowed.next, None);
    let by_domain = customer_page(&app, &l.w.provider, &[("search", "c007.tierlink")]).await;
    assert_eq!(page_ids(&by_domain).len(), 1);
}

#[tokio::test]
async fn filtered_by_the_reseller_their_shared_customers_page_the_same_way() {
    let app = spawn().await;
    let l = listed(&app).await;
    let want = l.expected("oldest", &|s| s.shared);
    assert_eq!(want.len(), 60);
    let filtered = [("sort", "oldest"), ("reseller", RESELLER_MPN)];
    let first = customer_page(&app, &l.w.provider, &filtered).await;
    assert_eq!(
        first.reseller.as_ref().map(|r| r.name.as_str()),
        Some("Fabrikam Kft.")
    );
    let next = first.next.clone().unwrap();
    let second = customer_page(
        &app,
        &l.w.provider,
        &[filtered[0], filtered[1], ("after", next.as_str())],
    )
    .await;
    assert_eq!(second.next, None);
    let all: Vec<OrgId> = page_ids(&first)
        .into_iter()
        .chain(page_ids(&second))
        .collect();
    assert_eq!(all, want);
    let prev = second.prev.clone().unwrap();
    let back = customer_page(
        &app,
        &l.w.provider,
        &[filtered[0], filtered[1], ("before", prev.as_str())],
    )
    .await;
    assert_eq!(page_ids(&back), page_ids(&first));
}

#[tokio::test]
async fn a_reseller_filter_must_name_a_partnered_reseller() {
    let app = spawn().await;
    let l = listed(&app).await;
    northwind(&app).await;
    for wrong in ["9100003", "9100002", "Nobody Kft.", "fabrikam kft."] {
        let r = list_customers(&app, &l.w.provider, &[("reseller", wrong)]).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{wrong}: {}",
            r.body
        );
        assert_eq!(
            field_code(&r, "reseller").as_deref(),
            Some("reseller_not_partnered"),
            "{wrong}"
        );
    }
}

#[tokio::test]
async fn the_reseller_sees_its_own_sixty_newest_first() {
    let app = spawn().await;
    let l = listed(&app).await;
    let mine = customer_page(&app, &l.w.reseller, &[]).await;
    assert_eq!(page_ids(&mine).len(), 50);
    assert!(mine.next.is_some());
}
