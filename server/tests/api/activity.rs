//! The activity log (W14): its filters alone and combined, their bad input answered at the
//! field, the CSV export (exactly the filtered entries, BOM, quoting, formulas neutralised), and
//! one organization never reading another's log.

use crate::common::{TestApp, form, org_id, provider, spawn_with};
use app::model::{ActivityPage, ErrorCode, NewUser};
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::on;
use std::time::Duration;
use tower::ServiceExt;

const DAY_MS: i64 = 86_400_000;

/// A filter as the URL carries it: (field, value) pairs.
type Filter<'a> = &'a [(&'a str, &'a str)];

/// A test app whose sessions outlive the days the tests move the clock by.
async fn spawn() -> TestApp {
    spawn_with(|c| {
        c.session_idle = Duration::from_secs(30 * 86_400);
        c.session_max = Duration::from_secs(30 * 86_400);
    })
    .await
}

/// The log as the page asks for it: the filter's fields as the URL carries them.
async fn log(app: &TestApp, cookie: &str, filter: &[(&str, &str)]) -> ActivityPage {
    let pairs: Vec<(String, &str)> = filter
        .iter()
        .map(|(k, v)| (format!("filter[{k}]"), *v))
        .collect();
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    let r = app.call("list_activity", &form(&pairs), Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

fn actions(p: &ActivityPage) -> Vec<&str> {
    p.entries.iter().map(|e| e.action.as_str()).collect()
}

async fn add_user(app: &TestApp, admin: &str, name: &str, email: &str) -> NewUser {
    let r = app
        .call(
            "add_user",
            &form(&[
                ("name", name),
                ("email", email),
                ("roles[sales_agent]", "on"),
            ]),
            Some(admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

/// A provider whose log holds: its enrollment (day 0), two users added (day 0 and day 2), a
/// partnership request (day 3) and its acceptance by Fabrikam (day 3).
async fn history(app: &TestApp) -> (String, String) {
    let provider = provider(app).await;
    add_user(app, &provider, "Bence Tóth", "bence@contoso.example").await;
    app.clock.advance_ms(2 * DAY_MS);
    add_user(app, &provider, "Éva Szabó", "eve@contoso.example").await;
    app.clock.advance_ms(DAY_MS);
    let reseller = app
        .enroll(
            "reseller",
            "Fabrikam, \"Solutions\" Kft.",
            "9100001",
            "lena@fabrikam.example",
        )
        .await;
    app.partner_up(&provider, &reseller).await;
    (provider, reseller)
}

#[tokio::test]
async fn each_filter_narrows_the_log_and_they_combine() {
    let app = spawn().await;
    let (provider, _) = history(&app).await;
    let all = log(&app, &provider, &[]).await;
    assert!(all.problems.is_empty());
    assert_eq!(
        actions(&all),
        [
            "partnership.accepted",
            "partnership.requested",
            "user.added",
            "user.added",
            "organization.enrolled"
        ]
    );
    assert_eq!(
        actions(&log(&app, &provider, &[("kind", "user.added")]).await),
        ["user.added", "user.added"]
    );
    // By user: the provider's admin did everything of its own; Fabrikam's acceptance is not its.
    let me = app.actor(&provider).await.unwrap().user_id.to_string();
    assert_eq!(
        actions(&log(&app, &provider, &[("user", &me)]).await),
        [
            "partnership.requested",
            "user.added",
            "user.added",
            "organization.enrolled"
        ]
    );
    // The other organization, by legal name or by MPN ID.
    for other in ["Fabrikam, \"Solutions\" Kft.", "9100001"] {
        assert_eq!(
            actions(&log(&app, &provider, &[("other", other)]).await),
            ["partnership.accepted"],
            "{other}"
        );
    }
    // Dates in the reader's zone (Europe/Budapest), both days included.
    let days = |from: &'static str, to: &'static str| [("from", from), ("to", to)];
    assert_eq!(
        actions(&log(&app, &provider, &days("2026-01-03", "2026-01-03")).await),
        ["user.added"]
    );
    assert_eq!(
        actions(&log(&app, &provider, &days("2026-01-02", "2026-01-04")).await),
        [
            "partnership.accepted",
            "partnership.requested",
            "user.added"
        ]
    );
    // Combined: a kind in a range.
    assert_eq!(
        actions(
            &log(
                &app,
                &provider,
                &[("kind", "user.added"), ("from", "2026-01-02")]
            )
            .await
        ),
        ["user.added"]
    );
}

#[tokio::test]
async fn bad_filters_are_answered_at_their_fields() {
    let app = spawn().await;
    let (provider, reseller) = history(&app).await;
    let stranger_user = app.actor(&reseller).await.unwrap().user_id.to_string();
    let cases: [(Filter, &str, ErrorCode); 8] = [
        (
            &[("kind", "user.exploded")],
            "kind",
            ErrorCode::ChoiceUnknown,
        ),
        (&[("user", "not-an-id")], "user", ErrorCode::ChoiceUnknown),
        // Another organization's user is not one of the choices.
        (
            &[("user", &stranger_user)],
            "user",
            ErrorCode::ChoiceUnknown,
        ),
        (&[("other", "9999999")], "other", ErrorCode::ChoiceUnknown),
        (&[("from", "04.12.2026")], "from", ErrorCode::DateFormat),
        (&[("to", "2026-02-30")], "to", ErrorCode::DateFormat),
        (
            &[("from", "2026-01-05"), ("to", "2026-01-04")],
            "to",
            ErrorCode::DateOrder,
        ),
        (
            &[("from", "'; DROP TABLE activity_entries; --")],
            "from",
            ErrorCode::DateFormat,
        ),
    ];
    for (filter, field, code) in cases {
        let page = log(&app, &provider, filter).await;
        assert!(page.entries.is_empty(), "{filter:?}");
        assert!(
            page.problems
                .iter()
                .any(|p| p.field == field && p.code == code),
            "{filter:?}: {:?}",
            page.problems
        );
        assert!(!page.users.is_empty(), "the form keeps its choices");
    }
    // Every problem at once.
    let page = log(&app, &provider, &[("kind", "x"), ("from", "y")]).await;
    assert_eq!(page.problems.len(), 2);
    // A malformed cursor is a bad request, not a 500.
    let r = app
        .call(
            "list_activity",
            &form(&[("before", "1_x")]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn one_organization_never_reads_anothers_log() {
    let app = spawn().await;
    let (provider, reseller) = history(&app).await;
    let theirs = log(&app, &reseller, &[("kind", "user.added")]).await;
    assert!(theirs.entries.is_empty());
    // A cursor taken from the provider's log reads only the reseller's own entries.
    let mine = log(&app, &provider, &[]).await;
    let e = &mine.entries[0];
    let r = app
        .call(
            "list_activity",
            &form(&[("before", &format!("{}_{}", i64::MAX / 2, e.id))]),
            Some(&reseller),
        )
        .await;
    let page: ActivityPage = r.decode();
    assert!(
        page.entries
            .iter()
            .all(|x| !mine.entries.iter().any(|m| m.id == x.id))
    );
    let provider_id = org_id(&app, &provider).await;
    let csv = app
        .get(
            &format!("/activity/export.csv?other={provider_id}"),
            Some(&reseller),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), 1, "only the header: {}", csv.body);
}

#[tokio::test]
async fn the_export_is_exactly_the_filtered_entries_as_csv() {
    let app = spawn().await;
    let (provider, _) = history(&app).await;
    let r = app
        .get("/activity/export.csv?kind=user.added", Some(&provider))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Exactly what the page shows with the same filter.
    let page = log(&app, &provider, &[("kind", "user.added")]).await;
    assert_eq!(r.headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        r.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"activity-2026-01-04.csv\"")
    );
    assert!(r.body.starts_with('\u{feff}'), "a byte-order mark first");
    let lines: Vec<&str> = r
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "at_utc,time_zone,at_local,user,kind,kind_text,organization,details"
    );
    assert_eq!(
        lines.len(),
        4,
        "header, two entries, and the final line break"
    );
    assert_eq!(page.entries.len(), 2);
    assert_eq!(lines[3], "");
    // Newest first, times in UTC and in the reader's zone, the kind as code and words.
    assert_eq!(
        lines[1],
        "2026-01-03T00:00:00.000Z,Europe/Budapest,2026-01-03T01:00:00.000+01:00,Ayşe Yılmaz,\
         user.added,added a user,Contoso Kft.,eve@contoso.example"
    );
    assert!(lines[2].ends_with(",bence@contoso.example"), "{}", lines[2]);

    // A name that a spreadsheet would run as a formula is neutralised and quoted.
    let evil = app
        .enroll(
            "reseller",
            "=HYPERLINK(\"http://x\") Kft.",
            "9100005",
            "e@evil.example",
        )
        .await;
    app.partner_up(&provider, &evil).await;
    let r = app
        .get("/activity/export.csv?other=9100005", Some(&provider))
        .await;
    assert!(
        r.body
            .ends_with(",\"'=HYPERLINK(\"\"http://x\"\") Kft.\"\r\n"),
        "{}",
        r.body
    );

    // Names with commas and quotes, quoted as RFC 4180 says.
    let r = app
        .get("/activity/export.csv?other=9100001", Some(&provider))
        .await;
    assert!(
        r.body.contains(",\"Fabrikam, \"\"Solutions\"\" Kft.\"\r\n"),
        "{}",
        r.body
    );
    // A bad filter: refused with the reason, no file.
    let r = app
        .get("/activity/export.csv?from=yesterday", Some(&provider))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Signed out: refused.
    let r = app.get("/activity/export.csv", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_compressed_export_ends_cleanly() {
    let app = spawn().await;
    let (provider, _) = history(&app).await;
    for encoding in ["br", "gzip"] {
        let req = Request::get("/activity/export.csv")
            .header(header::COOKIE, &provider)
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap();
        let res = app.router.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()[header::CONTENT_ENCODING], encoding);
        // The whole body, to its end (a stream polled after its end used to panic here).
        let body = res.into_body().collect().await.expect("the whole file");
        assert!(!body.to_bytes().is_empty());
    }
}

#[tokio::test]
async fn an_export_longer_than_one_batch_holds_every_entry_once() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let org = org_id(&app, &provider).await;
    // 4,500 entries, more than two batches, many sharing a millisecond.
    let mut tx = server::db::begin_write(app.services.pool()).await.unwrap();
    for i in 0..4_500 {
        on!(&mut tx, |ex| sqlx::query(
            "INSERT INTO activity_entries (id, organization_id, actor_name, action, subject, at)
             VALUES ($1, $2, 'Bench', 'user.added', $3, $4)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&org)
        .bind(format!("user {i}"))
        .bind(1_767_225_600_000_i64 + i / 7)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
    }
    tx.commit().await.unwrap();
    let r = app
        .get("/activity/export.csv?kind=user.added", Some(&provider))
        .await;
    let mut subjects: Vec<&str> = r
        .body
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.rsplit(',').next().unwrap())
        .collect();
    assert_eq!(subjects.len(), 4_500);
    subjects.sort_unstable();
    subjects.dedup();
    assert_eq!(subjects.len(), 4_500, "no entry twice");
}
