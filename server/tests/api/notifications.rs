//! Notifications (W14): every source, the read state per user, the role rule, the expiry job,
//! the live count's event stream, and one organization never seeing another's.

use crate::common::{
    TestApp, customer_via, form, new_request, northwind, on_sqlite, org_id, provider, reseller,
    spawn, spawn_with, token_of,
};
use app::model::{Draft, InvitationKind, NoticeKind, NoticePage};
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use server::services::notices;
use std::time::Duration;
use tower::ServiceExt;

async fn unread(app: &TestApp, cookie: &str) -> u32 {
    let r = app.call("unread_notifications", "", Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

/// The first page, as opening Notifications reads it (which marks them read).
async fn open_page(app: &TestApp, cookie: &str) -> NoticePage {
    let r = app.call("list_notifications", "", Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

fn kinds(page: &NoticePage) -> Vec<NoticeKind> {
    page.notices.iter().map(|n| n.kind).collect()
}

/// A provider's partnership request: its link's token.
async fn partnership_request(app: &TestApp, provider: &str) -> String {
    let d: Draft = app
        .call("request_partnership", "", Some(provider))
        .await
        .decode();
    token_of(&d.link)
}

#[tokio::test]
async fn a_partnership_answer_tells_the_provider_and_not_the_reseller() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    assert_eq!(unread(&app, &provider).await, 0);
    let r = app.answer(&reseller, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(unread(&app, &provider).await, 1);
    assert_eq!(
        unread(&app, &reseller).await,
        0,
        "the reseller acted itself"
    );
    let page = open_page(&app, &provider).await;
    let n = &page.notices[0];
    assert_eq!(
        n.kind,
        NoticeKind::RequestAccepted(InvitationKind::Partnership)
    );
    assert_eq!(n.other, "Fabrikam Kft.");
    assert_eq!(n.actor, "Ayşe Yılmaz");
    assert!(n.unread, "new to this reader when the page opened");
    assert_eq!(
        unread(&app, &provider).await,
        0,
        "opening the page read them"
    );

    let declined = partnership_request(&app, &provider).await;
    let other = northwind(&app).await;
    assert_eq!(
        app.answer(&other, &declined, false, false).await.status,
        StatusCode::OK
    );
    let page = open_page(&app, &provider).await;
    assert_eq!(
        kinds(&page),
        [
            NoticeKind::RequestDeclined(InvitationKind::Partnership),
            NoticeKind::RequestAccepted(InvitationKind::Partnership),
        ]
    );
    assert!(page.notices[0].unread && !page.notices[1].unread);
}

#[tokio::test]
async fn a_customers_answer_tells_the_partner() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    assert_eq!(unread(&app, &partner).await, 0, "opening is not answering");
    assert_eq!(
        app.answer(&customer, &token, true, true).await.status,
        StatusCode::OK
    );
    let page = open_page(&app, &partner).await;
    assert_eq!(
        kinds(&page),
        [NoticeKind::RequestAccepted(
            InvitationKind::ResellerRelationship
        )]
    );
    assert_eq!(page.notices[0].other, "Adatum Kft.");
    assert_eq!(
        page.notices[0].other_id.map(|id| id.to_string()),
        Some(org_id(&app, &customer).await)
    );

    let second = new_request(&app, &partner, false).await;
    assert_eq!(
        app.answer(&customer, &second, false, false).await.status,
        StatusCode::OK
    );
    assert_eq!(
        kinds(&open_page(&app, &partner).await)[0],
        NoticeKind::RequestDeclined(InvitationKind::ResellerRelationship)
    );
}

#[tokio::test]
async fn a_joint_invite_tells_the_reseller_and_the_provider() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    app.partner_up(&provider, &reseller).await;
    open_page(&app, &provider).await; // the partnership's own notice, read
    let provider_id = org_id(&app, &provider).await;
    let r = app
        .call(
            "invite_new_customers",
            &form(&[("provider_id", &provider_id), ("ask_delegated_admin", "on")]),
            Some(&reseller),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let token = token_of(&r.decode::<Draft>().link);
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    assert_eq!(
        app.answer(&customer, &token, true, true).await.status,
        StatusCode::OK
    );
    assert_eq!(
        kinds(&open_page(&app, &reseller).await),
        [NoticeKind::RequestAccepted(InvitationKind::JointInvite)]
    );
    assert_eq!(
        kinds(&open_page(&app, &provider).await)[0],
        NoticeKind::JointInviteAcceptedAsParty
    );
}

/// Two instances on one PostgreSQL database: what happens on one reaches the bell on the other
/// (its live stream hears it, and the count it remembered is not used again).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_made_on_one_instance_reaches_the_bell_on_the_other() {
    if on_sqlite() {
        return; // one instance per SQLite file: nothing crosses
    }
    let a = spawn().await;
    let b = a.second_instance().await;
    tokio::spawn(server::services::peers::listen(b.services.clone()));
    let provider = provider(&a).await;
    let reseller = reseller(&a).await;
    let provider_org = app::model::OrgId(org_id(&a, &provider).await.parse().unwrap());
    let token = partnership_request(&a, &provider).await;
    assert_eq!(
        unread(&b, &provider).await,
        0,
        "counted and remembered on B"
    );
    let mut heard = b.services.announcements();
    // B's listener may still be connecting: an organization nobody has is notified on the
    // channel until B hears it (only then is a missed announcement a failure).
    let nobody = app::model::OrgId(uuid::Uuid::now_v7());
    let listening = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            server::on!(a.services.pool(), |ex| sqlx::query(
                "SELECT pg_notify($1, $2)"
            )
            .bind(server::db::notifications::CHANNEL)
            .bind(nobody.to_string())
            .execute(ex)
            .await
            .map(drop))
            .expect("notify");
            if let Ok(Ok(org)) =
                tokio::time::timeout(Duration::from_millis(100), heard.recv()).await
                && org == nobody
            {
                return;
            }
        }
    })
    .await;
    assert!(listening.is_ok(), "B never heard A");
    let r = a.answer(&reseller, &token, true, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let got = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match heard.recv().await {
                Ok(org) if org == provider_org => return org,
                Ok(_) => {}
                Err(e) => panic!("the stream ended: {e}"),
            }
        }
    })
    .await;
    assert_eq!(got.ok(), Some(provider_org), "B heard A's announcement");
    assert_eq!(unread(&b, &provider).await, 1, "B counts again");
}

/// A periodic job's period is claimed by one instance of several, at once or not; a claim that
/// an instance with a clock far ahead made does not stop the job for the others.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jobs_period_is_claimed_once_across_instances() {
    use server::db::jobs::claim;
    let a = spawn().await;
    let b = a.second_instance().await;
    let (now, period) = (1_000_000, 60_000);
    let claims = crate::common::join_all(
        [a.services.pool(), b.services.pool()]
            .into_iter()
            .map(|pool| claim(pool, "sweep", now, now + period)),
    )
    .await;
    let won: Vec<bool> = claims.into_iter().map(|c| c.expect("a claim")).collect();
    assert_eq!(won.iter().filter(|w| **w).count(), 1, "{won:?}");
    assert!(
        !claim(a.services.pool(), "sweep", now + 1, now + 1 + period)
            .await
            .unwrap()
    );
    assert!(
        claim(b.services.pool(), "sweep", now + period, now + 2 * period)
            .await
            .unwrap()
    );
    // An instance whose clock is a day ahead claims for its tomorrow; the others still run.
    let tomorrow = now + 86_400_000;
    assert!(
        claim(a.services.pool(), "sweep", tomorrow, tomorrow + period)
            .await
            .unwrap()
    );
    let later = now + 3 * period;
    assert!(
        claim(b.services.pool(), "sweep", later, later + period)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn an_expired_request_is_noticed_once_by_the_servers_job() {
    let app = spawn_with(|c| c.invitation_ttl = Duration::from_secs(60)).await;
    let provider = provider(&app).await;
    partnership_request(&app, &provider).await;
    assert_eq!(notices::notice_expired(&app.services).await.unwrap(), 0);
    assert_eq!(unread(&app, &provider).await, 0);
    app.clock.advance_ms(61_000);
    // The job itself, running on its own: no request is needed for the notice to appear.
    let job = tokio::spawn(notices::expiry_job(
        app.services.clone(),
        Duration::from_millis(20),
    ));
    let mut waited = 0;
    while app.count("notifications").await == 0 && waited < 250 {
        tokio::time::sleep(Duration::from_millis(20)).await;
        waited += 1;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    job.abort();
    assert_eq!(
        app.count("notifications").await,
        1,
        "told once, however often the job runs"
    );
    assert_eq!(notices::notice_expired(&app.services).await.unwrap(), 0);
    assert_eq!(
        unread(&app, &provider).await,
        1,
        "the bell, counted before, counts it"
    );
    let page = open_page(&app, &provider).await;
    assert_eq!(
        kinds(&page),
        [NoticeKind::RequestExpired(InvitationKind::Partnership)]
    );
    assert_eq!(page.notices[0].actor, "Ayşe Yılmaz", "who sent it");
}

#[tokio::test]
async fn an_answered_or_revoked_request_never_expires_into_a_notice() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    app.answer(&reseller, &token, true, true).await;
    app.clock.advance_ms(31 * 24 * 3600 * 1000);
    assert_eq!(notices::notice_expired(&app.services).await.unwrap(), 0);
}

#[tokio::test]
async fn a_customer_ending_a_link_and_a_provider_removing_a_partnership_tell_the_partner() {
    let app = spawn().await;
    let partner = reseller(&app).await;
    let token = new_request(&app, &partner, true).await;
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    app.answer(&customer, &token, true, true).await;
    open_page(&app, &partner).await;
    let partner_id = org_id(&app, &partner).await;
    let body = form(&[("partner_id", &partner_id)]);
    let r = app
        .call("remove_delegated_admin", &body, Some(&customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .call("end_reseller_relationship", &body, Some(&customer))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(unread(&app, &partner).await, 2);
    assert_eq!(
        kinds(&open_page(&app, &partner).await)[..2],
        [
            NoticeKind::RelationshipEndedByCustomer,
            NoticeKind::DelegatedAdminRemoved
        ]
    );

    let provider = provider(&app).await;
    app.partner_up(&provider, &partner).await;
    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &partner_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let page = open_page(&app, &partner).await;
    assert_eq!(page.notices[0].kind, NoticeKind::PartnershipRemoved);
    assert_eq!(page.notices[0].other, "Contoso Kft.");
}

#[tokio::test]
async fn read_state_is_per_user_and_mark_all_reads_everything() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let (colleague, _) = app
        .user_with_roles(&provider, "bence@contoso.example", &["admin_agent"])
        .await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    app.answer(&reseller, &token, true, true).await;
    assert_eq!(unread(&app, &provider).await, 1);
    assert_eq!(unread(&app, &colleague).await, 1);
    open_page(&app, &provider).await;
    assert_eq!(unread(&app, &provider).await, 0);
    assert_eq!(unread(&app, &colleague).await, 1, "only the reader's");
    let r = app
        .call("mark_notifications_read", "", Some(&colleague))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(unread(&app, &colleague).await, 0);
}

#[tokio::test]
async fn who_sees_which_follows_the_role_table() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let (sales, _) = app
        .user_with_roles(&provider, "s@contoso.example", &["sales_agent"])
        .await;
    let (users_admin, users_admin_id) = app
        .user_with_roles(&provider, "u@contoso.example", &["user_management_admin"])
        .await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    app.answer(&reseller, &token, true, true).await;
    assert_eq!(unread(&app, &sales).await, 1, "a Sales agent sees requests");
    assert_eq!(
        unread(&app, &users_admin).await,
        0,
        "a User management admin does not"
    );
    assert!(open_page(&app, &users_admin).await.notices.is_empty());
    // Given a role that sees requests, the same user's bell counts them on the next page.
    let r = app
        .call(
            "set_user_roles",
            &form(&[
                ("user_id", &users_admin_id),
                ("roles[user_management_admin]", "on"),
                ("roles[sales_agent]", "on"),
            ]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        unread(&app, &users_admin).await,
        1,
        "counted for the new role"
    );

    // Relationship changes: everyone.
    let (reseller_users_admin, _) = app
        .user_with_roles(&reseller, "u@fabrikam.example", &["user_management_admin"])
        .await;
    let reseller_id = org_id(&app, &reseller).await;
    app.call(
        "remove_partnership",
        &form(&[("reseller_id", &reseller_id)]),
        Some(&provider),
    )
    .await;
    assert_eq!(unread(&app, &reseller_users_admin).await, 1);
}

#[tokio::test]
async fn one_organization_never_sees_anothers_notifications() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    app.answer(&reseller, &token, true, true).await;
    let seq = open_page(&app, &provider).await.notices[0].seq;
    let stranger = app
        .enroll("provider", "Litware Kft.", "9100009", "x@litware.example")
        .await;
    assert_eq!(unread(&app, &stranger).await, 0);
    assert!(open_page(&app, &stranger).await.notices.is_empty());
    // A cursor from another organization's page reads only the reader's own.
    let r = app
        .call(
            "list_notifications",
            &form(&[("before", &(seq + 1).to_string())]),
            Some(&stranger),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.decode::<NoticePage>().notices.is_empty());
    for bad in ["abc", "-1", "1 OR 1=1"] {
        let r = app
            .call(
                "list_notifications",
                &form(&[("before", bad)]),
                Some(&stranger),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    let r = app.call("unread_notifications", "", None).await;
    assert_eq!(r.status, StatusCode::OK, "nobody has nothing unread");
    assert_eq!(r.decode::<u32>(), 0);
    assert_eq!(
        app.call("list_notifications", "", None).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// Reads the event stream until an `unread` event arrives: its data.
async fn next_count(body: &mut Body) -> u32 {
    let mut text = String::new();
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .expect("an event within 5 s")
            .expect("the stream is open")
            .expect("a frame");
        if let Ok(data) = frame.into_data() {
            text.push_str(&String::from_utf8_lossy(&data));
        }
        if let Some(end) = text.find("\n\n") {
            let event: String = text.drain(..end + 2).collect();
            if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: "))
                && event.contains("event: unread")
            {
                return data.trim().parse().expect("a count");
            }
        }
    }
}

#[tokio::test]
async fn the_event_stream_delivers_a_new_count_at_once() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    let req = Request::get("/events/notifications")
        .header(header::COOKIE, &provider)
        .header(header::ACCEPT, "text/event-stream")
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()[header::CONTENT_TYPE],
        "text/event-stream",
        "not compressed or cached away"
    );
    let mut body = res.into_body();
    assert_eq!(next_count(&mut body).await, 0, "the count at once");
    app.answer(&reseller, &token, true, true).await;
    assert_eq!(next_count(&mut body).await, 1, "the new count, announced");
    open_page(&app, &provider).await;
    assert_eq!(next_count(&mut body).await, 0, "read in another tab");

    // Signed out: no stream.
    let req = Request::get("/events/notifications")
        .body(Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    // Shutdown ends open streams.
    let req = Request::get("/events/notifications")
        .header(header::COOKIE, &reseller)
        .body(Body::empty())
        .unwrap();
    let mut body = app.router.clone().oneshot(req).await.unwrap().into_body();
    next_count(&mut body).await;
    app.services.close();
    let end = tokio::time::timeout(Duration::from_secs(5), body.frame())
        .await
        .expect("ended within 5 s");
    assert!(end.is_none(), "the stream ended");
}

#[tokio::test]
async fn a_new_user_starts_with_the_organizations_history_read() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    let token = partnership_request(&app, &provider).await;
    app.answer(&reseller, &token, true, true).await;
    let (newcomer, _) = app
        .user_with_roles(&provider, "new@contoso.example", &["admin_agent"])
        .await;
    assert_eq!(unread(&app, &newcomer).await, 0, "told from now on");
    assert!(
        open_page(&app, &newcomer)
            .await
            .notices
            .iter()
            .all(|n| !n.unread)
    );
}

#[tokio::test]
async fn a_reissued_request_that_expires_again_is_noticed_again() {
    let app = spawn_with(|c| c.invitation_ttl = Duration::from_secs(60)).await;
    let provider = provider(&app).await;
    let d: Draft = app
        .call("request_partnership", "", Some(&provider))
        .await
        .decode();
    app.clock.advance_ms(61_000);
    assert_eq!(notices::notice_expired(&app.services).await.unwrap(), 1);
    let r = app
        .call(
            "reissue_invitation",
            &form(&[("id", &d.invitation_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(notices::notice_expired(&app.services).await.unwrap(), 0);
    app.clock.advance_ms(61_000);
    assert_eq!(notices::notice_expired(&app.services).await.unwrap(), 1);
}
