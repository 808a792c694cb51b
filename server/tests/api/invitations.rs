//! The Invitations list (W14): filtered by state and kind, paged by keyset past the old cap of
//! 500, each party's answer on a joint invite, and bad filters answered at their fields.

use crate::common::{
    TestApp, customer_via, form, new_request, northwind, org_id, provider, reseller, spawn,
    token_of,
};
use app::model::{Draft, ErrorCode, InvitationKind, InvitationPage, InvitationState};
use http::StatusCode;
use server::on;

async fn page(app: &TestApp, cookie: &str, pairs: &[(&str, &str)]) -> InvitationPage {
    let r = app
        .call("list_invitations", &form(pairs), Some(cookie))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

#[tokio::test]
async fn the_list_filters_by_state_and_kind() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    // One partnership accepted, one declined, one revoked, one left pending, one expired.
    let mut tokens = Vec::new();
    for _ in 0..4 {
        let d: Draft = app
            .call("request_partnership", "", Some(&provider))
            .await
            .decode();
        tokens.push((d.invitation_id.clone(), token_of(&d.link)));
    }
    app.answer(&reseller, &tokens[0].1, true, true).await;
    let other = northwind(&app).await;
    app.answer(&other, &tokens[1].1, false, false).await;
    let r = app
        .call(
            "revoke_invitation",
            &form(&[("id", &tokens[2].0)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let states = |p: &InvitationPage| p.rows.iter().map(|r| r.state).collect::<Vec<_>>();
    for (state, expected) in [
        ("accepted", InvitationState::Accepted),
        ("declined", InvitationState::Declined),
        ("revoked", InvitationState::Revoked),
        ("pending", InvitationState::Pending),
    ] {
        assert_eq!(
            states(&page(&app, &provider, &[("filter[state]", state)]).await),
            [expected]
        );
    }
    assert!(
        page(&app, &provider, &[("filter[state]", "expired")])
            .await
            .rows
            .is_empty()
    );
    // A relationship request: another kind.
    new_request(&app, &provider, true).await;
    let p = page(
        &app,
        &provider,
        &[("filter[kind]", "reseller_relationship")],
    )
    .await;
    assert_eq!(p.rows.len(), 1);
    assert_eq!(p.rows[0].kind, InvitationKind::ResellerRelationship);
    let p = page(
        &app,
        &provider,
        &[
            ("filter[kind]", "partnership"),
            ("filter[state]", "pending"),
        ],
    )
    .await;
    assert_eq!(p.rows.len(), 1, "the two filters combine");
    // Time passes: the pending ones expire.
    app.clock.advance_ms(31 * 86_400_000);
    // (Signed in again: the session ended while the clock moved.)
    let provider = app
        .sign_in("anna@contoso.example", "a long password")
        .await
        .session_cookie()
        .expect("signed in again");
    assert_eq!(
        states(&page(&app, &provider, &[("filter[state]", "expired")]).await),
        [InvitationState::Expired, InvitationState::Expired]
    );
}

#[tokio::test]
async fn the_list_pages_past_the_old_cap_without_loss() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let org = org_id(&app, &provider).await;
    // 520 requests, many in the same millisecond (as a bulk of links would be).
    let mut tx = server::db::begin_write(app.services.pool()).await.unwrap();
    for i in 0..520_i64 {
        on!(&mut tx, |ex| sqlx::query(
            "INSERT INTO invitations (id, kind, from_org_id, token_hash, state, created_by_name, created_at, expires_at)
             VALUES ($1, 'partnership', $2, $3, 'pending', 'Anna', $4, $5)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(&org)
        .bind(format!("hash-{i}"))
        .bind(1_767_225_600_000 + i / 10)
        .bind(1_867_225_600_000_i64)
        .execute(ex)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let mut pairs = vec![];
        if let Some(a) = &after {
            pairs.push(("after", a.as_str()));
        }
        let p = page(&app, &provider, &pairs).await;
        assert!(p.rows.len() <= 50);
        seen.extend(p.rows.into_iter().map(|r| r.id));
        match p.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 520);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 520, "each once");
}

#[tokio::test]
async fn a_joint_invite_shows_each_partys_answer() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let reseller = reseller(&app).await;
    app.partner_up(&provider, &reseller).await;
    let provider_id = org_id(&app, &provider).await;
    let r = app
        .call(
            "invite_new_customers",
            &form(&[("provider_id", &provider_id), ("ask_delegated_admin", "on")]),
            Some(&reseller),
        )
        .await;
    let token = token_of(&r.decode::<Draft>().link);
    let customer = customer_via(&app, &token, "Adatum Kft.", "adatum", "e@adatum.example").await;
    app.answer(&customer, &token, true, true).await;
    for who in [&reseller, &provider] {
        let p = page(&app, who, &[("filter[kind]", "joint_invite")]).await;
        assert_eq!(
            p.rows[0].parties,
            [
                ("Fabrikam Kft.".to_owned(), InvitationState::Accepted),
                ("Contoso Kft.".to_owned(), InvitationState::Accepted)
            ]
        );
    }
}

#[tokio::test]
async fn bad_filters_are_answered_at_their_fields() {
    let app = spawn().await;
    let provider = provider(&app).await;
    let p = page(
        &app,
        &provider,
        &[("filter[state]", "lost"), ("filter[kind]", "x")],
    )
    .await;
    assert!(p.rows.is_empty());
    let fields: Vec<(&str, ErrorCode)> = p
        .problems
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        fields,
        [
            ("state", ErrorCode::ChoiceUnknown),
            ("kind", ErrorCode::ChoiceUnknown)
        ]
    );
    let r = app
        .call(
            "list_invitations",
            &form(&[("after", "nonsense")]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}
