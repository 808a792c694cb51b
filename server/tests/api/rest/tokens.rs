//! API tokens: made by a Global admin with a subset of their roles, shown once, stopped by
//! expiry, revocation and the maker's deactivation on the very next call.

use super::{api, problem, token, try_token};
use crate::common::{field_code, form, org_id, provider, spawn};
use app::model::{ApiTokenRow, NewApiToken, TokenState};
use http::StatusCode;

#[tokio::test]
async fn a_global_admin_makes_a_token_whose_secret_is_shown_once() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let r = try_token(&app, &admin, "  CRM sync ", &["global_admin"], "30").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let new: NewApiToken = r.decode();
    assert!(new.secret.starts_with("tl_") && new.secret.len() == 46);
    assert_eq!(new.name, "CRM sync");
    // Only a hash is kept.
    let stored = app.count("api_tokens").await;
    assert_eq!(stored, 1);
    let list: Vec<ApiTokenRow> = app.call("list_api_tokens", "", Some(&admin)).await.decode();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].state, TokenState::Active);
    assert_eq!(list[0].last_used, None);
    assert_eq!(list[0].hint, format!("{}…", &new.secret[..7]));
    assert!(!serde_json::to_string(&list).unwrap().contains(&new.secret));
    // The token works, and its use is recorded.
    let r = api(&app, "GET", "/api/v1/invitations", Some(&new.secret), None).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list: Vec<ApiTokenRow> = app.call("list_api_tokens", "", Some(&admin)).await.decode();
    assert!(list[0].last_used.is_some());
    let org = org_id(&app, &admin).await;
    let actions = crate::common::activity_actions(&app, &org).await;
    assert!(
        actions.contains(&"api_token.created".to_owned()),
        "{actions:?}"
    );
}

#[tokio::test]
async fn roles_expiry_and_names_are_checked_at_their_fields() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let r = try_token(&app, &admin, "", &[], "366").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(field_code(&r, "name").as_deref(), Some("required"));
    assert_eq!(field_code(&r, "roles").as_deref(), Some("no_role_chosen"));
    assert_eq!(
        field_code(&r, "days").as_deref(),
        Some("expiry_out_of_bounds")
    );
    // The enrolling admin holds Global admin only: no other role can be handed to a token.
    let r = try_token(&app, &admin, "Sales", &["sales_agent"], "").await;
    assert_eq!(field_code(&r, "roles").as_deref(), Some("role_not_held"));
    token(&app, &admin, "CRM", &["global_admin"]).await;
    let r = try_token(&app, &admin, "CRM", &["global_admin"], "").await;
    assert_eq!(field_code(&r, "name").as_deref(), Some("token_name_taken"));
    assert_eq!(app.count("api_tokens").await, 1, "nothing written");
}

#[tokio::test]
async fn only_global_admins_of_partners_manage_tokens() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let (agent, _) = app
        .user_with_roles(&admin, "agent@contoso.example", &["admin_agent"])
        .await;
    let r = try_token(&app, &agent, "Mine", &["admin_agent"], "").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app.call("list_api_tokens", "", Some(&agent)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call("list_api_tokens", "", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn expiry_revocation_and_deactivation_stop_a_token_at_the_next_call() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let r = try_token(&app, &admin, "Short", &["global_admin"], "1").await;
    let short = r.decode::<NewApiToken>().secret;
    // Revocation.
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    assert_eq!(
        api(&app, "GET", "/api/v1/customers", Some(&secret), None)
            .await
            .status,
        StatusCode::OK
    );
    let list: Vec<ApiTokenRow> = app.call("list_api_tokens", "", Some(&admin)).await.decode();
    let crm = list.iter().find(|t| t.name == "CRM").unwrap();
    let r = app
        .call("revoke_api_token", &form(&[("id", &crm.id)]), Some(&admin))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = api(&app, "GET", "/api/v1/customers", Some(&secret), None).await;
    assert_eq!(problem(&r).0, StatusCode::UNAUTHORIZED);
    let again = app
        .call("revoke_api_token", &form(&[("id", &crm.id)]), Some(&admin))
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    // A revoked token's name is free again.
    token(&app, &admin, "CRM", &["global_admin"]).await;

    // The maker's deactivation: a second Global admin makes a token, the first deactivates them.
    let (second, second_id) = app
        .user_with_roles(&admin, "ga2@contoso.example", &["global_admin"])
        .await;
    let theirs = token(&app, &second, "Theirs", &["global_admin"]).await;
    assert_eq!(
        api(&app, "GET", "/api/v1/customers", Some(&theirs), None)
            .await
            .status,
        StatusCode::OK
    );
    let r = app
        .call(
            "set_user_active",
            &form(&[("user_id", &second_id), ("active", "false")]),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = api(&app, "GET", "/api/v1/customers", Some(&theirs), None).await;
    assert_eq!(problem(&r).0, StatusCode::UNAUTHORIZED);
    let list: Vec<ApiTokenRow> = app.call("list_api_tokens", "", Some(&admin)).await.decode();
    let theirs_row = list.iter().find(|t| t.name == "Theirs").unwrap();
    assert_eq!(theirs_row.state, TokenState::Suspended);
    let org = org_id(&app, &admin).await;
    let actions = crate::common::activity_actions(&app, &org).await;
    assert!(
        actions.contains(&"api_token.revoked".to_owned()),
        "{actions:?}"
    );

    // Expiry (last: the clock's jump ends the admin's session too).
    let r = api(&app, "GET", "/api/v1/customers", Some(&short), None).await;
    assert_eq!(r.status, StatusCode::OK);
    app.clock.advance_ms(24 * 3600 * 1000);
    let r = api(&app, "GET", "/api/v1/customers", Some(&short), None).await;
    assert_eq!(
        problem(&r),
        (StatusCode::UNAUTHORIZED, "token_required".into())
    );
    assert!(r.headers.contains_key(http::header::WWW_AUTHENTICATE));
    let admin = app
        .sign_in("anna@contoso.example", "a long password")
        .await
        .session_cookie()
        .expect("signed in again");
    let list: Vec<ApiTokenRow> = app.call("list_api_tokens", "", Some(&admin)).await.decode();
    let short = list.iter().find(|t| t.name == "Short").unwrap();
    assert_eq!(short.state, TokenState::Expired);
}

#[tokio::test]
async fn a_token_acts_with_the_roles_its_maker_still_holds() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let (both, both_id) = app
        .user_with_roles(
            &admin,
            "both@contoso.example",
            &["global_admin", "sales_agent"],
        )
        .await;
    let secret = token(&app, &both, "Sales bot", &["sales_agent"]).await;
    let body = r#"{"kind": "partnership"}"#;
    let r = api(
        &app,
        "POST",
        "/api/v1/invitations",
        Some(&secret),
        Some(body),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // The maker loses Sales agent: the token keeps only Global admin ∩ {Sales agent} = nothing.
    let r = app
        .call(
            "set_user_roles",
            &form(&[("user_id", &both_id), ("roles[global_admin]", "on")]),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = api(
        &app,
        "POST",
        "/api/v1/invitations",
        Some(&secret),
        Some(body),
    )
    .await;
    assert_eq!(problem(&r), (StatusCode::FORBIDDEN, "forbidden".into()));
    assert!(r.json()["roles"].as_array().is_some_and(|a| !a.is_empty()));
}

#[tokio::test]
async fn browser_sessions_cannot_call_the_api_and_tokens_cannot_open_pages() {
    let app = spawn().await;
    let admin = provider(&app).await;
    let secret = token(&app, &admin, "CRM", &["global_admin"]).await;
    // A session cookie alone: refused.
    let req = http::Request::get("/api/v1/customers")
        .header(http::header::COOKIE, &admin)
        .body(axum::body::Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(problem(&r).0, StatusCode::UNAUTHORIZED);
    // A token on a page or a server function: not signed in.
    let req = http::Request::get("/customers")
        .header(http::header::AUTHORIZATION, format!("Bearer {secret}"))
        .header(http::header::ACCEPT, "text/html")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    let req = http::Request::post("/api/list_api_tokens")
        .header(http::header::AUTHORIZATION, format!("Bearer {secret}"))
        .header(http::header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::UNAUTHORIZED);
    // A made-up secret, or none.
    let r = api(&app, "GET", "/api/v1/customers", Some("tl_nothing"), None).await;
    assert_eq!(problem(&r).0, StatusCode::UNAUTHORIZED);
    let r = api(&app, "GET", "/api/v1/customers", None, None).await;
    assert_eq!(problem(&r).0, StatusCode::UNAUTHORIZED);
}
