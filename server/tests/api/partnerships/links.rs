//! The invitation engine on partnership links (W3): the draft and its link, acceptance, single
//! use under concurrency, expiry, re-issue, revocation and throttling.

use super::{new_link, request, respond};
use crate::common::{TestApp, form, join_all, spawn, spawn_with, token_of};
use app::model::{
    Decision, InvitationPage, InvitationRow, InvitationState, InvitePreview, OpenInvite, PartnerRow,
};
use http::StatusCode;
use serde_json::json;
use server::on;

async fn preview(app: &TestApp, token: &str) -> InvitePreview {
    app.call("preview_invitation", &form(&[("token", token)]), None)
        .await
        .decode()
}

/// What the page shows of a link that can still be answered.
async fn open_preview(app: &TestApp, token: &str) -> OpenInvite {
    match preview(app, token).await {
        InvitePreview::Open(open) => open,
        other => panic!("not open: {other:?}"),
    }
}

/// The state a closed link shows, if it is closed.
async fn closed_state(app: &TestApp, token: &str) -> Option<InvitationState> {
    match preview(app, token).await {
        InvitePreview::Closed { state, .. } => Some(state),
        _ => None,
    }
}

/// Contoso Kft. (a provider) and Fabrikam GmbH (a reseller): their session cookies.
async fn contoso_and_fabrikam(app: &TestApp) -> (String, String) {
    let provider = app
        .enroll(
            "provider",
            "Contoso Kft.",
            "9000001",
            "anna@contoso.example",
        )
        .await;
    let reseller = app
        .enroll(
            "reseller",
            "Fabrikam GmbH",
            "9000002",
            "lena@fabrikam.example",
        )
        .await;
    (provider, reseller)
}

/// Fabrikam has accepted Contoso's request: (provider cookie, reseller cookie, the link's
/// token).
async fn accepted(app: &TestApp) -> (String, String, String) {
    let (provider, reseller) = contoso_and_fabrikam(app).await;
    let token = new_link(app, &provider).await;
    let ok = respond(app, &reseller, &token, true).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    (provider, reseller, token)
}

#[tokio::test]
async fn a_request_drafts_an_email_with_a_link_whose_token_is_stored_hashed() {
    let app = spawn().await;
    let (provider, _) = contoso_and_fabrikam(&app).await;
    let draft = request(&app, &provider).await;
    let link = &draft.link;
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"), "{link}");
    assert!(draft.body.contains(link), "the body carries the link");
    assert!(draft.subject.contains("Contoso Kft."));
    let token = token_of(link);
    let (stored,): (String,) = on!(app.services.pool(), |ex| sqlx::query_as(
        "SELECT token_hash FROM invitations"
    )
    .fetch_one(ex)
    .await)
    .unwrap();
    assert_ne!(stored, token, "only the hash is stored");
    assert_eq!(stored.len(), 64);
}

#[tokio::test]
async fn the_link_shows_the_provider_that_asks() {
    let app = spawn().await;
    let (provider, _) = contoso_and_fabrikam(&app).await;
    let p = open_preview(&app, &new_link(&app, &provider).await).await;
    assert_eq!(p.kind, app::model::InvitationKind::Partnership);
    assert_eq!(p.from[0].name, "Contoso Kft.");
    assert_eq!(p.from[0].mpn_id.as_deref(), Some("9000001"));
    assert_eq!(p.from[0].country, "HU");
}

#[tokio::test]
async fn accepting_needs_the_authorization_box() {
    let app = spawn().await;
    let (provider, reseller) = contoso_and_fabrikam(&app).await;
    let token = new_link(&app, &provider).await;
    let no_box = app
        .call(
            "respond_invitation",
            &form(&[("token", &token), ("accept", "true")]),
            Some(&reseller),
        )
        .await;
    assert_eq!(
        no_box.json(),
        json!({"Invalid": [{"field": "authorize", "code": "authorization_required"}]})
    );
}

#[tokio::test]
async fn an_accepted_partnership_shows_on_both_lists() {
    let app = spawn().await;
    let (provider, reseller) = contoso_and_fabrikam(&app).await;
    let token = new_link(&app, &provider).await;
    let ok = respond(&app, &reseller, &token, true).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.decode::<Decision>().with, "Contoso Kft.");

    let resellers: Vec<PartnerRow> = app
        .call("list_resellers", "", Some(&provider))
        .await
        .decode();
    assert_eq!(resellers[0].name, "Fabrikam GmbH");
    assert_eq!(resellers[0].mpn_id, "9000002");
    assert_eq!(resellers[0].shared_customers, 0);
    let providers: Vec<PartnerRow> = app
        .call("list_providers", "", Some(&reseller))
        .await
        .decode();
    assert_eq!(providers[0].name, "Contoso Kft.");
}

/// Single use: the link now says it was used, and cannot be used again.
#[tokio::test]
async fn an_accepted_link_says_so_and_is_not_used_again() {
    let app = spawn().await;
    let (provider, reseller, token) = accepted(&app).await;
    assert_eq!(
        preview(&app, &token).await,
        InvitePreview::Closed {
            state: InvitationState::Accepted,
            ask: "Contoso Kft.".into()
        }
    );
    let again = respond(&app, &reseller, &token, true).await;
    assert_eq!(again.json(), json!({"Refused": "invitation_used"}));
    let invitations: Vec<InvitationRow> = app
        .call("list_invitations", "", Some(&provider))
        .await
        .decode::<InvitationPage>()
        .rows;
    assert_eq!(invitations[0].state, InvitationState::Accepted);
    assert!(
        invitations[0]
            .decided
            .as_deref()
            .unwrap()
            .contains("Ayşe Yılmaz")
    );
}

#[tokio::test]
async fn both_sides_log_the_partnership() {
    let app = spawn().await;
    accepted(&app).await;
    let codes: Vec<(String,)> = on!(app.services.pool(), |ex| sqlx::query_as(
        "SELECT action FROM activity_entries WHERE action LIKE 'partnership.%' ORDER BY action",
    )
    .fetch_all(ex)
    .await)
    .unwrap();
    let codes: Vec<&str> = codes.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        codes,
        [
            "partnership.accepted",
            "partnership.accepted",
            "partnership.requested"
        ],
        "both sides logged"
    );
}

/// `n` resellers, enrolled through the given instances in turn, accept one link at once, each
/// answer sent through the instance it enrolled on: one partnership, the others told the link
/// was used.
async fn many_accept_one_link(instances: &[&TestApp], n: usize, first_mpn: usize) {
    let on = |i: usize| instances[i % instances.len()];
    let provider = on(0)
        .enroll("provider", "P", &first_mpn.to_string(), "p@p.example")
        .await;
    let token = new_link(on(0), &provider).await;
    let mut resellers = Vec::new();
    for i in 0..n {
        resellers.push(
            on(i)
                .enroll(
                    "reseller",
                    &format!("R{i}"),
                    &format!("{}", first_mpn + 1 + i),
                    &format!("r{i}@r.example"),
                )
                .await,
        );
    }
    let answers = join_all(
        resellers
            .iter()
            .enumerate()
            .map(|(i, c)| respond(on(i), c, &token, true)),
    )
    .await;
    let ok = answers
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let used = answers
        .iter()
        .filter(|r| r.body == r#"{"Refused":"invitation_used"}"#)
        .count();
    assert_eq!(
        (ok, used),
        (1, n - 1),
        "{:?}",
        answers.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(on(0).count("partnerships").await, 1);
}

#[tokio::test]
async fn fifty_concurrent_accepts_make_exactly_one_partnership() {
    let app = spawn().await;
    many_accept_one_link(&[&app], 50, 9_100_000).await;
}

/// The same with a hundred, their answers spread over two instances on the same database.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_accepts_over_two_instances_make_exactly_one_partnership() {
    let a = spawn().await;
    let b = a.second_instance().await;
    many_accept_one_link(&[&a, &b], 100, 9_200_000).await;
}

#[tokio::test]
async fn links_expire_can_be_revoked_and_reissued() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9200001", "p@p.example").await;
    app.enroll("reseller", "R", "9200002", "r@r.example").await;

    let first = request(&app, &provider).await;
    let first_token = token_of(&first.link);
    app.clock.advance_ms(14 * 24 * 3600 * 1000);
    // Two weeks idle ended both sessions too.
    let provider = app
        .sign_in("p@p.example", "a long password")
        .await
        .session_cookie()
        .unwrap();
    let reseller = app
        .sign_in("r@r.example", "a long password")
        .await
        .session_cookie()
        .unwrap();
    assert_eq!(
        closed_state(&app, &first_token).await,
        Some(InvitationState::Expired)
    );
    assert_eq!(
        respond(&app, &reseller, &first_token, true).await.json(),
        json!({"Refused": "invitation_expired"})
    );

    // Re-issue: a new link works, the old one is not valid any more.
    let id = first.invitation_id.as_str();
    let second = app
        .call("reissue_invitation", &form(&[("id", id)]), Some(&provider))
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let second_token = token_of(&second.decode::<app::model::Draft>().link);
    assert_ne!(second_token, first_token);
    assert_eq!(preview(&app, &first_token).await, InvitePreview::NotValid);
    assert!(matches!(
        preview(&app, &second_token).await,
        InvitePreview::Open(_)
    ));

    // Revoke: the link says so; revoking again is refused.
    assert_eq!(
        app.call("revoke_invitation", &form(&[("id", id)]), Some(&provider))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        closed_state(&app, &second_token).await,
        Some(InvitationState::Revoked)
    );
    assert_eq!(
        respond(&app, &reseller, &second_token, true).await.json(),
        json!({"Refused": "invitation_revoked"})
    );
    let r = app
        .call("revoke_invitation", &form(&[("id", id)]), Some(&provider))
        .await;
    assert_eq!(r.json(), json!({"Refused": "not_pending"}));

    // Decline.
    let third = new_link(&app, &provider).await;
    let r = respond(&app, &reseller, &third, false).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        closed_state(&app, &third).await,
        Some(InvitationState::Declined)
    );
    assert_eq!(app.count("partnerships").await, 0);
}

#[tokio::test]
async fn unknown_and_malformed_links_are_neutral() {
    let app = spawn().await;
    for token in [
        "",
        "abc",
        &"A".repeat(43),
        "../../etc/passwd",
        &"é".repeat(43),
    ] {
        let r = app
            .call("preview_invitation", &form(&[("token", token)]), None)
            .await;
        assert_eq!(
            (r.status, r.json()),
            (StatusCode::NOT_FOUND, json!("NotValid")),
            "{token}"
        );
    }
    let page = app.get(&format!("/invite/{}", "A".repeat(43)), None).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("This link is not valid"));
    assert_eq!(page.headers["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn one_organization_cannot_touch_anothers_invitations() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9500001", "p@p.example").await;
    let other = app.enroll("provider", "O", "9500002", "o@o.example").await;
    let draft = request(&app, &provider).await;
    let id = draft.invitation_id.as_str();
    for endpoint in ["reissue_invitation", "revoke_invitation"] {
        assert_eq!(
            app.call(endpoint, &form(&[("id", id)]), Some(&other))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    let theirs: Vec<InvitationRow> = app
        .call("list_invitations", "", Some(&other))
        .await
        .decode::<InvitationPage>()
        .rows;
    assert!(theirs.is_empty());
}

#[tokio::test]
async fn answering_is_throttled_per_client() {
    let app = spawn_with(|c| c.respond_max_per_minute = 3).await;
    let provider = app.enroll("provider", "P", "9600001", "p@p.example").await;
    let reseller = app.enroll("reseller", "R", "9600002", "r@r.example").await;
    let token = new_link(&app, &provider).await;
    for _ in 0..3 {
        let r = app
            .call(
                "respond_invitation",
                &form(&[("token", &token), ("accept", "true")]),
                Some(&reseller),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let r = respond(&app, &reseller, &token, true).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    app.clock.advance_ms(60_001);
    assert_eq!(
        respond(&app, &reseller, &token, true).await.status,
        StatusCode::OK
    );
}

/// The throttle's events for answers (enrolling has its own).
async fn answers_counted(app: &TestApp) -> i64 {
    let (n,): (i64,) = on!(app.services.pool(), |ex| sqlx::query_as(
        "SELECT COUNT(*) FROM rate_events WHERE key LIKE 'respond:%'"
    )
    .fetch_one(ex)
    .await)
    .expect("count");
    n
}

#[tokio::test]
async fn an_accepted_answer_counts_against_the_throttle_with_its_own_commit() {
    let app = spawn_with(|c| c.respond_max_per_minute = 3).await;
    let reseller = app.enroll("reseller", "R", "9600102", "r@r.example").await;
    let mut links = Vec::new();
    for i in 0..3 {
        let p = app
            .enroll(
                "provider",
                &format!("P{i}"),
                &format!("960011{i}"),
                &format!("p{i}@p.example"),
            )
            .await;
        links.push(new_link(&app, &p).await);
    }
    // Two acceptances and one bad link: three attempts, each recorded once.
    assert_eq!(
        respond(&app, &reseller, &links[0], true).await.status,
        StatusCode::OK
    );
    assert_eq!(
        respond(&app, &reseller, &links[1], true).await.status,
        StatusCode::OK
    );
    let bad = respond(&app, &reseller, "not-a-token", true).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answers_counted(&app).await, 3);
    // The fourth is refused before anything is answered, and nothing more is recorded.
    let r = respond(&app, &reseller, &links[2], true).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(answers_counted(&app).await, 3);
    assert_eq!(app.count("partnerships").await, 2);
}

#[tokio::test]
async fn parallel_acceptances_beyond_the_limit_are_refused_in_the_answers_transaction() {
    let app = spawn_with(|c| {
        c.respond_max_per_minute = 3;
        c.db_max_connections = 4;
    })
    .await;
    let reseller = app.enroll("reseller", "R", "9600202", "r@r.example").await;
    let mut links = Vec::new();
    for i in 0..6 {
        let p = app
            .enroll(
                "provider",
                &format!("P{i}"),
                &format!("960021{i}"),
                &format!("p{i}@p.example"),
            )
            .await;
        links.push(new_link(&app, &p).await);
    }
    let replies = join_all(links.iter().map(|t| respond(&app, &reseller, t, true))).await;
    let ok = replies
        .iter()
        .filter(|r| r.status == StatusCode::OK)
        .count();
    let throttled = replies
        .iter()
        .filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(
        (ok, throttled),
        (3, 3),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    assert_eq!(app.count("partnerships").await, 3);
    assert_eq!(answers_counted(&app).await, 3);
}

#[tokio::test]
async fn accepting_through_a_link_is_one_durable_commit() {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    // One connection (the test pool's size), so the hook sees every commit of the request.
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9600301", "p@p.example").await;
    let reseller = app.enroll("reseller", "R", "9600302", "r@r.example").await;
    let token = new_link(&app, &provider).await;
    let commits = Arc::new(AtomicUsize::new(0));
    {
        // SQLite's commit hook; PostgreSQL has none to count with.
        let Ok(server::db::Conn::Sqlite(mut conn)) = app.services.pool().acquire().await else {
            return;
        };
        let seen = commits.clone();
        conn.lock_handle()
            .await
            .expect("handle")
            .set_commit_hook(move || {
                seen.fetch_add(1, Ordering::SeqCst);
                true
            });
    }
    assert_eq!(
        respond(&app, &reseller, &token, true).await.status,
        StatusCode::OK
    );
    assert_eq!(app.count("partnerships").await, 1);
    assert_eq!(
        commits.load(Ordering::SeqCst),
        1,
        "commits for one acceptance"
    );
}
