//! Enrollment, sign-in, sessions and throttling through the real router on a real SQLite file.

use crate::common::{enroll_form, form, spawn, spawn_on};
use http::{Request, StatusCode, header};
use server::on;

#[tokio::test]
async fn enrollment_creates_the_organization_and_signs_in() {
    let app = spawn().await;
    let cookie = app
        .enroll("provider", "Contoso Kft.", "1234567", "Ayse@Example.com")
        .await;
    let me = app.me(&cookie).await;
    assert_eq!(me["org_name"], "Contoso Kft.");
    assert_eq!(me["org_kind"], "provider");
    assert_eq!(
        me["email"], "ayse@example.com",
        "emails are stored lower-cased"
    );
    assert_eq!(me["roles"], serde_json::json!(["global-admin"]));
    assert_eq!(me["time_zone"], "Europe/Budapest");
    let (action,): (String,) = on!(app.services.pool(), |ex| sqlx::query_as(
        "SELECT action FROM activity_entries"
    )
    .fetch_one(ex)
    .await)
    .unwrap();
    assert_eq!(
        action, "organization.enrolled",
        "written in the same transaction"
    );
}

#[tokio::test]
async fn bad_enrollment_input_is_refused_at_each_field_and_nothing_is_written() {
    let app = spawn().await;
    let body = form(&[
        ("form[kind]", "customer"),
        ("form[legal_name]", "   "),
        ("form[country]", "XX"),
        ("form[cloud]", "private"),
        ("form[mpn_id]", "12a45"),
        ("form[name]", ""),
        ("form[email]", "not-an-email"),
        ("form[password]", "short"),
        ("form[time_zone]", "Mars/Olympus"),
    ]);
    let r = app.call("enroll", &body, None).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let fields: Vec<(String, String)> = r.json()["Invalid"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_owned(),
                e["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    for (field, code) in [
        ("kind", "kind_unknown"),
        ("legal_name", "required"),
        ("country", "country_unknown"),
        ("cloud", "cloud_unknown"),
        ("mpn_id", "mpn_id_format"),
        ("name", "required"),
        ("email", "email_format"),
        ("password", "password_too_short"),
    ] {
        assert!(
            fields.contains(&(field.into(), code.into())),
            "{field}: {fields:?}"
        );
    }
    assert!(r.session_cookie().is_none());
    assert_eq!(app.count("organizations").await, 0);
    assert_eq!(app.count("users").await, 0);
    assert_eq!(app.count("activity_entries").await, 0);
}

#[tokio::test]
async fn a_taken_mpn_id_is_told_and_a_taken_email_only_when_nothing_else_refuses() {
    let app = spawn().await;
    app.enroll("provider", "First", "1111111", "first@example.com")
        .await;
    let enroll = |mpn: &'static str| {
        let app = &app;
        async move {
            let form = enroll_form(
                "reseller",
                "Second",
                "HU",
                mpn,
                "FIRST@example.com",
                "a long password",
            );
            let r = app.call("enroll", &form, None).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
            r.json()["Invalid"].clone()
        }
    };
    // Refused for its MPN ID: nothing said about the email (that would tell who has an account).
    assert_eq!(
        enroll("1111111").await,
        serde_json::json!([{"field": "mpn_id", "code": "mpn_id_taken"}])
    );
    assert_eq!(
        enroll("1111112").await,
        serde_json::json!([{"field": "email", "code": "email_taken"}])
    );
    assert_eq!(app.count("organizations").await, 1);
}

#[tokio::test]
async fn sign_in_wrong_password_and_unknown_email_get_the_same_answer() {
    let app = spawn().await;
    app.enroll("reseller", "R", "2222222", "r@example.com")
        .await;
    let ok = app.sign_in("R@example.com", "a long password").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.session_cookie().is_some());
    let wrong = app.sign_in("r@example.com", "a wrong password").await;
    let unknown = app.sign_in("nobody@example.com", "a long password").await;
    let malformed = app.sign_in("nobody", "x").await;
    for r in [&wrong, &unknown, &malformed] {
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.body, wrong.body, "no tell in the answer");
        assert!(r.session_cookie().is_none());
    }
    assert_eq!(
        wrong.json(),
        serde_json::json!({"Refused": "invalid_credentials"})
    );
}

#[tokio::test]
async fn unknown_email_takes_as_long_as_a_wrong_password() {
    let app = spawn().await;
    app.enroll("reseller", "R", "2222223", "t@example.com")
        .await;
    let time = |email: &'static str| {
        let app = &app;
        async move {
            let start = std::time::Instant::now();
            app.sign_in(email, "wrong password!").await;
            start.elapsed().as_secs_f64()
        }
    };
    // Interleaved, and the fastest of four each: other tests hash in parallel and add noise.
    let (mut known, mut unknown) = (f64::MAX, f64::MAX);
    for _ in 0..4 {
        known = known.min(time("t@example.com").await);
        unknown = unknown.min(time("u@example.com").await);
    }
    // Both verify one argon2 hash; without the dummy hash the unknown email would be ~100x faster.
    assert!(
        unknown > known * 0.5,
        "known {known:.4}s unknown {unknown:.4}s"
    );
}

#[tokio::test]
async fn repeated_failures_are_throttled_per_account_then_lifted_after_the_window() {
    let app = spawn().await;
    app.enroll("reseller", "R", "3333333", "victim@example.com")
        .await;
    for _ in 0..5 {
        assert_eq!(
            app.sign_in("victim@example.com", "guess guess guess")
                .await
                .status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let r = app.sign_in("victim@example.com", "a long password").await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert_eq!(r.json(), serde_json::json!("Throttled"));
    app.clock.advance_ms(15 * 60 * 1000 + 1);
    assert_eq!(
        app.sign_in("victim@example.com", "a long password")
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_session_survives_a_restart_and_ends_when_idle() {
    let app = spawn().await;
    let cookie = app
        .enroll("provider", "P", "4444444", "p@example.com")
        .await;
    let again = spawn_on(app.db_url.clone(), app.dir.clone(), app.clock.clone()).await;
    assert_eq!(
        again.me(&cookie).await["email"],
        "p@example.com",
        "signed in after a restart"
    );
    again.clock.advance_ms(7 * 60 * 60 * 1000);
    assert_eq!(
        again.me(&cookie).await["email"],
        "p@example.com",
        "7 h idle is within 8 h"
    );
    again.clock.advance_ms(8 * 60 * 60 * 1000 + 60_000 + 1);
    assert_eq!(
        again.me(&cookie).await,
        serde_json::Value::Null,
        "8 h idle ends it (within the minute)"
    );
}

#[tokio::test]
async fn idle_time_counts_from_the_last_request_and_sessions_end_after_seven_days() {
    let app = spawn().await;
    let cookie = app
        .enroll("provider", "P", "4444445", "p@example.com")
        .await;
    // A request 59 s after sign-in (the last-seen time is written at most once a minute) ...
    app.clock.advance_ms(59_000);
    assert_eq!(app.me(&cookie).await["email"], "p@example.com");
    // ... so 7 h 59 min 50 s later the session has been idle for less than 8 h: still alive
    // (it used to end here, counted from the sign-in).
    app.clock.advance_ms(8 * 60 * 60 * 1000 - 10_000);
    assert_eq!(
        app.me(&cookie).await["email"],
        "p@example.com",
        "not ended early"
    );
    // However active, a session ends 7 days after sign-in.
    let cookie = app.sign_in("p@example.com", "a long password").await;
    let cookie = cookie.session_cookie().unwrap();
    let hour = 60 * 60 * 1000;
    for step in 1..=41 {
        app.clock.advance_ms(4 * hour);
        assert_eq!(
            app.me(&cookie).await["email"],
            "p@example.com",
            "alive after {} h",
            4 * step
        );
    }
    app.clock.advance_ms(4 * hour + 1);
    assert!(app.me(&cookie).await.is_null(), "ended after 7 days");
    let fresh = app.sign_in("p@example.com", "a long password").await;
    assert!(app.me(&fresh.session_cookie().unwrap()).await["email"] == "p@example.com");
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    let app = spawn().await;
    let first = app
        .enroll("provider", "P", "5555555", "p@example.com")
        .await;
    let r = app
        .call(
            "sign_in",
            &form(&[("email", "p@example.com"), ("password", "a long password")]),
            Some(&first),
        )
        .await;
    let second = r.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(
        app.me(&first).await,
        serde_json::Value::Null,
        "the old session id is gone"
    );
    let out = app.call("sign_out", "", Some(&second)).await;
    assert_eq!(out.status, StatusCode::OK);
    let cleared = out
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        cleared.contains("Max-Age=0")
            && cleared.contains("HttpOnly")
            && cleared.contains("SameSite=Lax")
    );
    assert_eq!(app.me(&second).await, serde_json::Value::Null);
}

#[tokio::test]
async fn sign_in_without_javascript_is_a_plain_form_post_with_redirects() {
    let app = spawn().await;
    app.enroll("provider", "P", "6666666", "p@example.com")
        .await;
    let post = |body: String| {
        Request::post("/api/sign_in")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html,application/xhtml+xml")
            .header(header::REFERER, "http://127.0.0.1:3000/sign-in")
            .header("sec-fetch-site", "same-origin")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let ok = app
        .send(post(form(&[
            ("email", "p@example.com"),
            ("password", "a long password"),
        ])))
        .await;
    assert_eq!(ok.status, StatusCode::FOUND);
    assert_eq!(ok.headers[header::LOCATION], "/");
    let cookie = ok.session_cookie().unwrap();
    let home = app.get("/", Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("Welcome, Ayşe Yılmaz"),
        "server-rendered shell"
    );
    assert!(
        !home.body.contains("Loading…"),
        "rendered in place, not streamed behind a fallback that only JavaScript replaces"
    );

    let bad = app
        .send(post(form(&[
            ("email", "p@example.com"),
            ("password", "wrong password"),
        ])))
        .await;
    assert_eq!(
        bad.status,
        StatusCode::FOUND,
        "back to the form, which shows the error"
    );
    let location = bad.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("http://127.0.0.1:3000/sign-in?") && location.contains("__err="),
        "{location}"
    );
    let path = location.trim_start_matches("http://127.0.0.1:3000");
    let page = app.get(path, None).await;
    assert!(
        page.body.contains("The email or password is not right."),
        "error rendered without wasm"
    );
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let app = spawn().await;
    let r = app.get("/users", None).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    assert_eq!(r.headers[header::LOCATION], "/sign-in");
}

/// Sessions live in the database: one made on an instance works on another, and signing out or
/// being deactivated on one ends it on the other at its next request.
#[tokio::test]
async fn a_session_ended_on_one_instance_is_refused_on_the_other() {
    let a = spawn().await;
    let b = a.second_instance().await;
    let admin = a.enroll("provider", "P", "5600001", "p@p.example").await;
    assert_eq!(
        b.me(&admin).await["email"],
        "p@p.example",
        "made on A, valid on B"
    );
    let (user, user_id) = a
        .user_with_roles(&admin, "u@p.example", &["admin_agent"])
        .await;
    assert_eq!(b.me(&user).await["email"], "u@p.example");
    let off = b
        .call(
            "set_user_active",
            &form(&[("user_id", &user_id), ("active", "false")]),
            Some(&admin),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!(
        a.me(&user).await,
        serde_json::Value::Null,
        "deactivated on B, ended on A"
    );
    assert_eq!(
        a.call("sign_out", "", Some(&admin)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        b.me(&admin).await,
        serde_json::Value::Null,
        "signed out on A, ended on B"
    );
}
