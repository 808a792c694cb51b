//! Users and roles: every role against every action that exists, and the Global admin rules.

use crate::common::{form, join_all, spawn};
use http::StatusCode;

/// The actions that exist so far, each as one server-function call, and whether each role
/// (Global admin, User management admin, Admin agent, Sales agent) may do it.
#[tokio::test]
async fn every_role_against_every_action() {
    let app = spawn().await;
    let admin = app
        .enroll("provider", "P", "7000001", "admin@p.example")
        .await;
    let (_, target_id) = app
        .user_with_roles(&admin, "target@p.example", &["sales_agent"])
        .await;
    let roles = [
        "global_admin",
        "user_management_admin",
        "admin_agent",
        "sales_agent",
    ];
    // (action, [GA, UMA, AA, SA])
    let table: [(&str, [bool; 4]); 6] = [
        ("list_activity", [true, true, true, true]),
        ("list_users", [true, true, false, false]),
        ("add_user", [true, true, false, false]),
        ("set_user_roles", [true, true, false, false]),
        ("set_user_active", [true, true, false, false]),
        ("set_time_zone", [true, true, true, true]),
    ];
    for (i, role) in roles.iter().enumerate() {
        let (cookie, _) = app
            .user_with_roles(&admin, &format!("{role}@p.example"), &[role])
            .await;
        for (action, allowed) in table {
            let body = match action {
                "add_user" => form(&[
                    ("name", "N"),
                    ("email", &format!("new-{role}@p.example")),
                    ("roles[sales_agent]", "on"),
                ]),
                "set_user_roles" => form(&[("user_id", &target_id), ("roles[admin_agent]", "on")]),
                "set_user_active" => form(&[("user_id", &target_id), ("active", "true")]),
                "set_time_zone" => form(&[("time_zone", "Europe/Istanbul")]),
                _ => String::new(),
            };
            let r = app.call(action, &body, Some(&cookie)).await;
            let expected = if allowed[i] {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            };
            assert_eq!(r.status, expected, "{role} {action}: {}", r.body);
            if !allowed[i] {
                assert_eq!(
                    r.json(),
                    serde_json::json!({"Forbidden": ["global-admin", "user-management-admin"]})
                );
            }
        }
    }
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_before_anything_else() {
    let app = spawn().await;
    let admin = app
        .enroll("reseller", "R", "7000002", "admin@r.example")
        .await;
    let added = app
        .add_user(&admin, "new@r.example", &["global_admin"])
        .await
        .json();
    let temp = added["temporary_password"].as_str().unwrap();
    let cookie = app
        .sign_in("new@r.example", temp)
        .await
        .session_cookie()
        .unwrap();
    assert_eq!(app.me(&cookie).await["must_change_password"], true);
    let r = app.call("list_activity", "", Some(&cookie)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json(), serde_json::json!("PasswordChangeRequired"));
    let same = app
        .call(
            "change_password",
            &form(&[
                ("current_password", temp),
                ("new_password", temp),
                ("repeat_password", temp),
            ]),
            Some(&cookie),
        )
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    let differ = app
        .call(
            "change_password",
            &form(&[
                ("current_password", "wrong one!!"),
                ("new_password", "a new password"),
                ("repeat_password", "another one!"),
            ]),
            Some(&cookie),
        )
        .await;
    let fields = differ.json()["Invalid"].to_string();
    assert!(
        fields.contains("current_password_wrong") && fields.contains("passwords_differ"),
        "{fields}"
    );
    let ok = app
        .call(
            "change_password",
            &form(&[
                ("current_password", temp),
                ("new_password", "a new password"),
                ("repeat_password", "a new password"),
            ]),
            Some(&cookie),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(
        app.call("list_activity", "", Some(&cookie)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.sign_in("new@r.example", "a new password").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_last_active_global_admin_stays() {
    let app = spawn().await;
    let admin = app
        .enroll("provider", "P", "7000003", "admin@p.example")
        .await;
    let me = app.me(&admin).await;
    let my_id = me["user_id"].as_str().unwrap().to_owned();
    let demote = app
        .call(
            "set_user_roles",
            &form(&[("user_id", &my_id), ("roles[admin_agent]", "on")]),
            Some(&admin),
        )
        .await;
    assert_eq!(demote.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        demote.json(),
        serde_json::json!({"Refused": "last_global_admin"})
    );
    let own = app
        .call(
            "set_user_active",
            &form(&[("user_id", &my_id), ("active", "false")]),
            Some(&admin),
        )
        .await;
    assert_eq!(own.json(), serde_json::json!({"Refused": "own_account"}));

    // A second Global admin makes demotion possible; a User management admin can do neither.
    let (uma, _) = app
        .user_with_roles(&admin, "uma@p.example", &["user_management_admin"])
        .await;
    let by_uma = app.add_user(&uma, "ga2@p.example", &["global_admin"]).await;
    assert_eq!(by_uma.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        by_uma
            .body
            .contains("only_global_admin_grants_global_admin"),
        "{}",
        by_uma.body
    );
    let uma_demotes = app
        .call(
            "set_user_roles",
            &form(&[("user_id", &my_id), ("roles[sales_agent]", "on")]),
            Some(&uma),
        )
        .await;
    assert_eq!(
        uma_demotes.json(),
        serde_json::json!({"Refused": "only_global_admin_grants_global_admin"})
    );
    let uma_deactivates = app
        .call(
            "set_user_active",
            &form(&[("user_id", &my_id), ("active", "false")]),
            Some(&uma),
        )
        .await;
    assert_eq!(
        uma_deactivates.json(),
        serde_json::json!({"Refused": "only_global_admin_grants_global_admin"})
    );

    let (_, ga2_id) = app
        .user_with_roles(&admin, "ga2@p.example", &["global_admin"])
        .await;
    let r = app
        .call(
            "set_user_roles",
            &form(&[("user_id", &my_id), ("roles[admin_agent]", "on")]),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Now ga2 is the last one; the demoted first admin can no longer touch roles at all.
    let r = app
        .call(
            "set_user_active",
            &form(&[("user_id", &ga2_id), ("active", "false")]),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn deactivation_ends_the_users_sessions_and_blocks_sign_in() {
    let app = spawn().await;
    let admin = app
        .enroll("provider", "P", "7000004", "admin@p.example")
        .await;
    let (cookie, id) = app
        .user_with_roles(&admin, "agent@p.example", &["admin_agent"])
        .await;
    assert_eq!(app.me(&cookie).await["email"], "agent@p.example");
    let r = app
        .call(
            "set_user_active",
            &form(&[("user_id", &id), ("active", "false")]),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(app.me(&cookie).await, serde_json::Value::Null);
    assert_eq!(
        app.sign_in("agent@p.example", "my own password")
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let users = app.call("list_users", "", Some(&admin)).await.json();
    let agent = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "agent@p.example")
        .unwrap()
        .clone();
    assert_eq!(agent["active"], false);
}

#[tokio::test]
async fn one_organization_cannot_touch_anothers_users() {
    let app = spawn().await;
    let a = app
        .enroll("provider", "A", "7000005", "admin@a.example")
        .await;
    let b = app
        .enroll("reseller", "B", "7000006", "admin@b.example")
        .await;
    let (_, a_user) = app
        .user_with_roles(&a, "x@a.example", &["sales_agent"])
        .await;
    for (action, body) in [
        (
            "set_user_roles",
            form(&[("user_id", &a_user), ("roles[global_admin]", "on")]),
        ),
        (
            "set_user_active",
            form(&[("user_id", &a_user), ("active", "false")]),
        ),
    ] {
        let r = app.call(action, &body, Some(&b)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}");
    }
    let listed = app.call("list_users", "", Some(&b)).await.json();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn bad_user_input_is_refused_at_the_field() {
    let app = spawn().await;
    let admin = app
        .enroll("provider", "P", "7000007", "admin@p.example")
        .await;
    let r = app.add_user(&admin, "bad email", &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = r.json()["Invalid"].to_string();
    assert!(
        e.contains("email_format") && e.contains("no_role_chosen"),
        "{e}"
    );
    let dup = app
        .add_user(&admin, "ADMIN@p.example", &["sales_agent"])
        .await;
    assert_eq!(
        dup.json(),
        serde_json::json!({"Invalid": [{"field": "email", "code": "email_taken"}]})
    );
    assert_eq!(app.count("users").await, 1);
}

#[tokio::test]
async fn activity_is_newest_first_and_paged_by_cursor() {
    let app = spawn().await;
    let admin = app
        .enroll("provider", "P", "7000008", "admin@p.example")
        .await;
    for i in 0..60 {
        app.clock.advance_ms(1000);
        let r = app
            .call(
                "set_time_zone",
                &form(&[(
                    "time_zone",
                    if i % 2 == 0 { "UTC" } else { "Europe/Budapest" },
                )]),
                Some(&admin),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    let first = app.call("list_activity", "", Some(&admin)).await.json();
    let entries = first["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 50);
    assert_eq!(entries[0]["action"], "user.time_zone_changed");
    assert_eq!(
        entries[0]["subject"], "Europe/Budapest",
        "the last change first"
    );
    let cursor = first["next"].as_str().unwrap();
    let second = app
        .call("list_activity", &form(&[("before", cursor)]), Some(&admin))
        .await
        .json();
    let rest = second["entries"].as_array().unwrap();
    assert_eq!(rest.len(), 11, "60 changes + enrollment = 61 entries");
    assert_eq!(rest.last().unwrap()["action"], "organization.enrolled");
    assert!(second["next"].is_null());
    let bad = app
        .call(
            "list_activity",
            &form(&[("before", "1_' OR 1=1")]),
            Some(&admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

/// Two Global admins demote each other at the same moment, each through another instance on the
/// same database: one demotion goes through, the other is refused, one Global admin stays.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_racing_to_demote_the_last_two_global_admins_leave_one() {
    let a = spawn().await;
    let b = a.second_instance().await;
    for round in 0..10 {
        let first = a
            .enroll(
                "provider",
                &format!("P{round}"),
                &format!("{}", 7_100_000 + round),
                &format!("ga{round}@p.example"),
            )
            .await;
        let first_id = a.me(&first).await["user_id"].as_str().unwrap().to_owned();
        let (second, second_id) = a
            .user_with_roles(&first, &format!("gb{round}@p.example"), &["global_admin"])
            .await;
        let demote = |on: &'static str, cookie: String, whom: String| {
            let app = if on == "a" { &a } else { &b };
            async move {
                app.call(
                    "set_user_roles",
                    &form(&[("user_id", &whom), ("roles[admin_agent]", "on")]),
                    Some(&cookie),
                )
                .await
            }
        };
        let replies = join_all(
            [
                demote("a", first.clone(), second_id.clone()),
                demote("b", second.clone(), first_id.clone()),
            ]
            .into_iter(),
        )
        .await;
        let ok = replies
            .iter()
            .filter(|r| r.status == StatusCode::OK)
            .count();
        assert_eq!(
            ok,
            1,
            "round {round}: {:?}",
            replies
                .iter()
                .map(|r| (r.status, &r.body))
                .collect::<Vec<_>>()
        );
        let org = a.me(&first).await["org_id"].as_str().map(str::to_owned);
        let org = match org {
            Some(o) => o,
            None => a.me(&second).await["org_id"].as_str().unwrap().to_owned(),
        };
        let admins: i64 = server::on!(a.services.pool(), |ex| sqlx::query_scalar(
            "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id
             WHERE u.organization_id = $1 AND u.active AND r.role = 'global_admin'"
        )
        .bind(&org)
        .fetch_one(ex)
        .await)
        .unwrap();
        assert_eq!(admins, 1, "round {round}");
    }
}
