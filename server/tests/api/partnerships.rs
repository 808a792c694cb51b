//! Partnerships and the invitation engine: link lifecycle, single use under concurrency, rules.

use crate::common::{TestApp, form, operator, spawn, spawn_with, token_of};
use http::StatusCode;
use serde_json::{Value, json};

async fn request(app: &TestApp, provider: &str) -> Value {
    let r = app.call("request_partnership", "", Some(provider)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

/// The token of a draft's link.
fn link_token(draft: &Value) -> String {
    token_of(draft["link"].as_str().expect("a draft with a link"))
}

async fn preview(app: &TestApp, token: &str) -> Value {
    app.call("preview_invitation", &form(&[("token", token)]), None)
        .await
        .json()
}

async fn respond(app: &TestApp, cookie: &str, token: &str, accept: bool) -> crate::common::Reply {
    app.answer(cookie, token, accept, accept).await
}

#[tokio::test]
async fn a_reseller_accepts_and_both_lists_show_each_other() {
    let app = spawn().await;
    let provider = app
        .enroll(
            "provider",
            "Contoso Kft.",
            "9000001",
            "anna@contoso.example",
        )
        .await;
    let draft = request(&app, &provider).await;
    let link = draft["link"].as_str().unwrap();
    assert!(link.starts_with("http://127.0.0.1:3000/invite/"), "{link}");
    assert!(
        draft["body"].as_str().unwrap().contains(link),
        "the body carries the link"
    );
    assert!(draft["subject"].as_str().unwrap().contains("Contoso Kft."));
    let token = link_token(&draft);
    let (stored,): (String,) = sqlx::query_as("SELECT token_hash FROM invitations")
        .fetch_one(app.services.pool())
        .await
        .unwrap();
    assert_ne!(stored, token, "only the hash is stored");
    assert_eq!(stored.len(), 64);

    let p = preview(&app, &token).await;
    assert_eq!(p["Open"]["kind"], "partnership");
    assert_eq!(p["Open"]["from"][0]["name"], "Contoso Kft.");
    assert_eq!(p["Open"]["from"][0]["mpn_id"], "9000001");
    assert_eq!(p["Open"]["from"][0]["country"], "HU");

    let reseller = app
        .enroll(
            "reseller",
            "Fabrikam GmbH",
            "9000002",
            "lena@fabrikam.example",
        )
        .await;
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
    let ok = respond(&app, &reseller, &token, true).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.json()["with"], "Contoso Kft.");

    let resellers = app.call("list_resellers", "", Some(&provider)).await.json();
    assert_eq!(resellers[0]["name"], "Fabrikam GmbH");
    assert_eq!(resellers[0]["mpn_id"], "9000002");
    assert_eq!(resellers[0]["shared_customers"], 0);
    let providers = app.call("list_providers", "", Some(&reseller)).await.json();
    assert_eq!(providers[0]["name"], "Contoso Kft.");

    // Single use: the link now says it was used, and cannot be used again.
    assert_eq!(
        preview(&app, &token).await,
        json!({"Closed": {"state": "accepted", "ask": "Contoso Kft."}})
    );
    let again = respond(&app, &reseller, &token, true).await;
    assert_eq!(again.json(), json!({"Refused": "invitation_used"}));
    let invitations = app
        .call("list_invitations", "", Some(&provider))
        .await
        .json();
    assert_eq!(invitations[0]["state"], "accepted");
    assert!(
        invitations[0]["decided"]
            .as_str()
            .unwrap()
            .contains("Ayşe Yılmaz")
    );

    let codes: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM activity_entries WHERE action LIKE 'partnership.%' ORDER BY action",
    )
    .fetch_all(app.services.pool())
    .await
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

#[tokio::test]
async fn fifty_concurrent_accepts_make_exactly_one_partnership() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9100000", "p@p.example").await;
    let token = link_token(&request(&app, &provider).await);
    let mut resellers = Vec::new();
    for i in 0..50 {
        resellers.push(
            app.enroll(
                "reseller",
                &format!("R{i}"),
                &format!("{}", 9_100_001 + i),
                &format!("r{i}@r.example"),
            )
            .await,
        );
    }
    let answers =
        crate::common::join_all(resellers.iter().map(|c| respond(&app, c, &token, true))).await;
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
        (1, 49),
        "{:?}",
        answers.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    assert_eq!(app.count("partnerships").await, 1);
}

#[tokio::test]
async fn links_expire_can_be_revoked_and_reissued() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9200001", "p@p.example").await;
    app.enroll("reseller", "R", "9200002", "r@r.example").await;

    let first = request(&app, &provider).await;
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
        preview(&app, &link_token(&first)).await["Closed"]["state"],
        "expired"
    );
    assert_eq!(
        respond(&app, &reseller, &link_token(&first), true)
            .await
            .json(),
        json!({"Refused": "invitation_expired"})
    );

    // Re-issue: a new link works, the old one is not valid any more.
    let id = first["invitation_id"].as_str().unwrap();
    let second = app
        .call("reissue_invitation", &form(&[("id", id)]), Some(&provider))
        .await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.body);
    let second = second.json();
    assert_ne!(link_token(&second), link_token(&first));
    assert_eq!(preview(&app, &link_token(&first)).await, json!("NotValid"));
    assert!(
        preview(&app, &link_token(&second))
            .await
            .get("Open")
            .is_some()
    );

    // Revoke: the link says so; revoking again is refused.
    assert_eq!(
        app.call("revoke_invitation", &form(&[("id", id)]), Some(&provider))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        preview(&app, &link_token(&second)).await["Closed"]["state"],
        "revoked"
    );
    assert_eq!(
        respond(&app, &reseller, &link_token(&second), true)
            .await
            .json(),
        json!({"Refused": "invitation_revoked"})
    );
    let r = app
        .call("revoke_invitation", &form(&[("id", id)]), Some(&provider))
        .await;
    assert_eq!(r.json(), json!({"Refused": "not_pending"}));

    // Decline.
    let third = request(&app, &provider).await;
    let r = respond(&app, &reseller, &link_token(&third), false).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        preview(&app, &link_token(&third)).await["Closed"]["state"],
        "declined"
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
async fn the_rules_each_with_a_clear_refusal() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9300001", "p@p.example").await;
    let other_provider = app.enroll("provider", "Q", "9300002", "q@q.example").await;
    let turkish = app
        .enroll_in("reseller", "T", "9300003", "t@t.example", "TR", "public")
        .await;
    let gov = app
        .enroll_in("reseller", "G", "9300004", "g@g.example", "HU", "us-gov")
        .await;
    let reseller = app
        .enroll_in("reseller", "R", "9300005", "r@r.example", "DE", "public")
        .await;
    let token = link_token(&request(&app, &provider).await);

    let cases = [
        (&other_provider, json!({"Refused": "not_a_reseller"})),
        (&turkish, json!({"Refused": "region_mismatch"})),
        (&gov, json!({"Refused": "cloud_mismatch"})),
    ];
    for (cookie, expected) in cases {
        assert_eq!(respond(&app, cookie, &token, true).await.json(), expected);
    }
    let (sales, _) = app
        .user_with_roles(&reseller, "sales@r.example", &["sales_agent"])
        .await;
    let r = respond(&app, &sales, &token, true).await;
    assert_eq!(
        (r.status, r.json()),
        (
            StatusCode::FORBIDDEN,
            json!({"Forbidden": ["global-admin", "admin-agent"]})
        )
    );
    let signed_out = app
        .call(
            "respond_invitation",
            &form(&[("token", &token), ("accept", "true")]),
            None,
        )
        .await;
    assert_eq!(signed_out.status, StatusCode::UNAUTHORIZED);

    // Germany and Hungary are one region: accepted. A second request is then a duplicate.
    assert_eq!(
        respond(&app, &reseller, &token, true).await.status,
        StatusCode::OK
    );
    let again = link_token(&request(&app, &provider).await);
    assert_eq!(
        respond(&app, &reseller, &again, true).await.json(),
        json!({"Refused": "already_partners"})
    );

    // Only providers request; resellers have no resellers list.
    assert_eq!(
        app.call("request_partnership", "", Some(&reseller))
            .await
            .json(),
        json!({"Refused": "providers_only"})
    );
    assert_eq!(
        app.call("list_resellers", "", Some(&reseller)).await.json(),
        json!({"Refused": "providers_only"})
    );
}

#[tokio::test]
async fn removing_a_partnership_and_partnering_again() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9400001", "p@p.example").await;
    let reseller = app.enroll("reseller", "R", "9400002", "r@r.example").await;
    let stranger = app.enroll("provider", "S", "9400003", "s@s.example").await;
    assert_eq!(
        respond(
            &app,
            &reseller,
            &link_token(&request(&app, &provider).await),
            true
        )
        .await
        .status,
        StatusCode::OK
    );
    let reseller_id = app.me(&reseller).await["org_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &reseller_id)]),
            Some(&stranger),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "another provider cannot remove it"
    );
    let (sales, _) = app
        .user_with_roles(&provider, "sales@p.example", &["sales_agent"])
        .await;
    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &reseller_id)]),
            Some(&sales),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &reseller_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.call("list_resellers", "", Some(&provider)).await.json(),
        json!([])
    );
    assert_eq!(
        app.call("list_providers", "", Some(&reseller)).await.json(),
        json!([])
    );
    let r = app
        .call(
            "remove_partnership",
            &form(&[("reseller_id", &reseller_id)]),
            Some(&provider),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    assert_eq!(
        respond(
            &app,
            &reseller,
            &link_token(&request(&app, &provider).await),
            true
        )
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(
        app.call("list_providers", "", Some(&reseller)).await.json()[0]["name"],
        "P"
    );
    assert_eq!(
        app.count("partnerships").await,
        2,
        "the ended one stays for the record"
    );
}

#[tokio::test]
async fn one_organization_cannot_touch_anothers_invitations() {
    let app = spawn().await;
    let provider = app.enroll("provider", "P", "9500001", "p@p.example").await;
    let other = app.enroll("provider", "O", "9500002", "o@o.example").await;
    let draft = request(&app, &provider).await;
    let id = draft["invitation_id"].as_str().unwrap();
    for endpoint in ["reissue_invitation", "revoke_invitation"] {
        assert_eq!(
            app.call(endpoint, &form(&[("id", id)]), Some(&other))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
    }
    assert_eq!(
        app.call("list_invitations", "", Some(&other)).await.json(),
        json!([])
    );
}

#[tokio::test]
async fn answering_is_throttled_per_client() {
    let app = spawn_with(|c| c.respond_max_per_minute = 3).await;
    let provider = app.enroll("provider", "P", "9600001", "p@p.example").await;
    let reseller = app.enroll("reseller", "R", "9600002", "r@r.example").await;
    let token = link_token(&request(&app, &provider).await);
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

#[tokio::test]
async fn the_directory_lists_providers_at_once_and_the_operator_keeps_it() {
    let app = spawn().await;
    app.enroll("provider", "Contoso Kft.", "9700001", "p@p.example")
        .await;
    app.enroll_in(
        "provider",
        "Anatolia Dağıtım A.Ş.",
        "9700002",
        "a@a.example",
        "TR",
        "public",
    )
    .await;
    app.enroll("reseller", "Not A Provider", "9700003", "r@r.example")
        .await;
    let all = app.call("search_directory", "", None).await.json();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["Anatolia Dağıtım A.Ş.", "Contoso Kft."],
        "providers only, by name, public"
    );
    let hu = app
        .call("search_directory", &form(&[("country", "hu")]), None)
        .await
        .json();
    assert_eq!(hu.as_array().unwrap().len(), 1);
    let by_name = app
        .call("search_directory", &form(&[("name", "CONTO")]), None)
        .await
        .json();
    assert_eq!(by_name[0]["name"], "Contoso Kft.");
    let none = app
        .call("search_directory", &form(&[("name", "%")]), None)
        .await
        .json();
    assert_eq!(none, json!([]), "LIKE wildcards are taken literally");
    let bad = app
        .call("search_directory", &form(&[("country", "XX")]), None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let op = operator(&app).await;
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|p| p["verified"] == false),
        "new providers are listed as not verified"
    );
    let contoso = all[1]["org_id"].as_str().unwrap();
    let update = |pairs: Vec<(&'static str, &'static str)>| {
        let mut p = vec![("provider_id", contoso)];
        p.extend(pairs);
        form(&p)
    };
    let body = update(vec![
        ("profile[countries_served]", "HU at SK"),
        ("profile[website]", "https://contoso.example"),
        ("profile[contact_email]", "Partners@Contoso.example"),
        ("profile[description]", "Distribution for Central Europe."),
    ]);
    let r = app.call("update_provider_profile", &body, Some(&op)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let at = app
        .call("search_directory", &form(&[("country", "AT")]), None)
        .await
        .json();
    assert_eq!(at[0]["website"], "https://contoso.example");
    assert_eq!(at[0]["verified"], false, "until the operator ticks the box");
    let verify = update(vec![
        ("profile[countries_served]", "HU AT SK"),
        ("profile[website]", "https://contoso.example"),
        ("profile[contact_email]", "partners@contoso.example"),
        ("profile[description]", "Distribution for Central Europe."),
        ("profile[verified]", "on"),
    ]);
    let r = app
        .call("update_provider_profile", &verify, Some(&op))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let all = app.call("search_directory", "", None).await.json();
    assert_eq!(
        (all[0]["name"].as_str(), all[0]["verified"].as_bool()),
        (Some("Contoso Kft."), Some(true)),
        "verified providers first"
    );
    assert_eq!(at[0]["contact_email"], "partners@contoso.example");
    assert_eq!(at[0]["countries_served"], json!(["HU", "AT", "SK"]));

    let bad = update(vec![
        ("profile[countries_served]", "HU XX"),
        ("profile[website]", "javascript:alert(1)"),
        ("profile[contact_email]", "nope"),
        ("profile[description]", ""),
    ]);
    let r = app.call("update_provider_profile", &bad, Some(&op)).await;
    let e = r.json()["Invalid"].to_string();
    assert!(
        e.contains("country_unknown") && e.contains("url_format") && e.contains("email_format"),
        "{e}"
    );

    let hide = update(vec![
        ("profile[countries_served]", "HU"),
        ("profile[website]", ""),
        ("profile[contact_email]", ""),
        ("profile[description]", ""),
        ("profile[hidden]", "on"),
    ]);
    assert_eq!(
        app.call("update_provider_profile", &hide, Some(&op))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.call("search_directory", "", None)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1,
        "hidden from the public"
    );
    assert_eq!(
        app.call("search_directory", "", Some(&op))
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        2,
        "the operator sees it"
    );

    let provider = app
        .sign_in("p@p.example", "a long password")
        .await
        .session_cookie()
        .unwrap();
    assert_eq!(
        app.call("update_provider_profile", &hide, Some(&provider))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mine = app
        .call("my_provider_profile", "", Some(&provider))
        .await
        .json();
    assert_eq!(mine["name"], "Contoso Kft.");
}

/// SPEC.md's role table for every partnership action, through the real router: allowed means
/// anything but 403 (an allowed call on an unknown id answers 404, which is fine here).
#[tokio::test]
async fn every_role_against_every_partnership_action() {
    let app = spawn().await;
    let provider = app
        .enroll("provider", "P", "9800001", "admin@p.example")
        .await;
    let reseller = app
        .enroll("reseller", "R", "9800002", "admin@r.example")
        .await;
    let roles = [
        "global_admin",
        "user_management_admin",
        "admin_agent",
        "sales_agent",
    ];
    let unknown = "00000000-0000-0000-0000-000000000000";
    // (action, [GA, UMA, AA, SA]) on the provider side
    let provider_table: [(&str, [bool; 4]); 6] = [
        ("request_partnership", [true, false, true, true]),
        ("list_resellers", [true, true, true, true]),
        ("list_invitations", [true, true, true, true]),
        ("reissue_invitation", [true, false, true, true]),
        ("revoke_invitation", [true, false, true, true]),
        ("remove_partnership", [true, false, true, false]),
    ];
    for (i, role) in roles.iter().enumerate() {
        let (cookie, _) = app
            .user_with_roles(&provider, &format!("{role}@p.example"), &[role])
            .await;
        for (action, allowed) in provider_table {
            let body = match action {
                "reissue_invitation" | "revoke_invitation" => form(&[("id", unknown)]),
                "remove_partnership" => form(&[("reseller_id", unknown)]),
                _ => String::new(),
            };
            let r = app.call(action, &body, Some(&cookie)).await;
            assert_eq!(
                r.status == StatusCode::FORBIDDEN,
                !allowed[i],
                "provider {role} {action}: {} {}",
                r.status,
                r.body
            );
        }
    }
    // The reseller side: its providers list, and answering (decline, each with a fresh link).
    let reseller_table: [(&str, [bool; 4]); 2] = [
        ("list_providers", [true, true, true, true]),
        ("respond_invitation", [true, false, true, false]),
    ];
    for (i, role) in roles.iter().enumerate() {
        let (cookie, _) = app
            .user_with_roles(&reseller, &format!("{role}@r.example"), &[role])
            .await;
        for (action, allowed) in reseller_table {
            let body = match action {
                "respond_invitation" => {
                    let token = link_token(&request(&app, &provider).await);
                    form(&[("token", &token), ("accept", "false")])
                }
                _ => String::new(),
            };
            let r = app.call(action, &body, Some(&cookie)).await;
            assert_eq!(
                r.status == StatusCode::FORBIDDEN,
                !allowed[i],
                "reseller {role} {action}: {} {}",
                r.status,
                r.body
            );
        }
    }
}
