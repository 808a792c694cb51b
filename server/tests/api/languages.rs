//! Languages (issue 17): which language a page is rendered in, how the choice is made and kept,
//! and that each reader gets their own.

use crate::common::*;
use app::model::Locale;
use axum::body::Body;
use http::{Request, StatusCode, header};

/// A page as a browser with these headers gets it.
async fn page(app: &TestApp, path: &str, headers: &[(header::HeaderName, &str)]) -> Reply {
    let mut req = Request::get(path).header(header::ACCEPT, "text/html");
    for (k, v) in headers {
        req = req.header(k, *v);
    }
    app.send(req.body(Body::empty()).expect("request")).await
}

fn lang_of(r: &Reply) -> &str {
    r.body
        .split("<html lang=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_else(|| panic!("no <html lang>: {}", &r.body[..r.body.len().min(300)]))
}

#[tokio::test]
async fn accept_language_chooses_and_the_server_renders_it() {
    let app = spawn().await;
    for (accept, expected) in [
        ("tr-TR,tr;q=0.9,en-US;q=0.8,en;q=0.7", Locale::Tr),
        ("de-DE,de;q=0.9,hu;q=0.8", Locale::Hu),
        ("en;q=0.4, ru-RU;q=0.9", Locale::Ru),
        ("ru;q=0, en-GB", Locale::En),
        ("fr-FR, de", Locale::En),
        ("*", Locale::En),
        // Malformed headers: English, never a 4xx or 500.
        (";;;,,q=", Locale::En),
        ("tr;q=2", Locale::En),
        ("hu;q=abc, ru;q=0.1", Locale::Ru),
    ] {
        let r = page(&app, "/sign-in", &[(header::ACCEPT_LANGUAGE, accept)]).await;
        assert_eq!(r.status, StatusCode::OK, "{accept}");
        assert_eq!(lang_of(&r), expected.tag(), "{accept}");
        let t = expected.strings();
        assert!(
            r.body.contains(t.sign_in_lead),
            "{accept}: the page is in {expected:?}"
        );
    }
    // Bytes that are not text (obs-text): English.
    let req = Request::get("/sign-in")
        .header(
            header::ACCEPT_LANGUAGE,
            http::HeaderValue::from_bytes(b"tr\xff;q=1").unwrap(),
        )
        .body(Body::empty())
        .unwrap();
    let r = app.send(req).await;
    assert_eq!((r.status, lang_of(&r)), (StatusCode::OK, "en"));
    let long = "xx;q=0.5,".repeat(500);
    let r = page(&app, "/sign-in", &[(header::ACCEPT_LANGUAGE, &long)]).await;
    assert_eq!((r.status, lang_of(&r)), (StatusCode::OK, "en"));
    let r = page(&app, "/sign-in", &[]).await;
    assert_eq!(lang_of(&r), "en", "no header: English");
}

#[tokio::test]
async fn an_explicit_choice_wins_and_an_unknown_one_falls_through() {
    let app = spawn().await;
    let ru = (header::ACCEPT_LANGUAGE, "ru-RU,ru;q=0.9");
    let r = page(
        &app,
        "/directory",
        &[(header::COOKIE, "tierlink_lang=hu"), ru.clone()],
    )
    .await;
    assert_eq!(lang_of(&r), "hu");
    for bad in ["tierlink_lang=xx", "tierlink_lang=", "tierlink_lang=%00"] {
        let r = page(&app, "/directory", &[(header::COOKIE, bad), ru.clone()]).await;
        assert_eq!((r.status, lang_of(&r)), (StatusCode::OK, "ru"), "{bad}");
    }
    // A language in the address wins (a link written for someone); an unknown one falls through.
    let r = page(
        &app,
        "/directory?lang=tr",
        &[(header::COOKIE, "tierlink_lang=hu")],
    )
    .await;
    assert_eq!(lang_of(&r), "tr");
    for bad in [
        "/directory?lang=xx",
        "/directory?lang=",
        "/directory?lang=%FF%FE",
    ] {
        let r = page(&app, bad, &[(header::COOKIE, "tierlink_lang=hu")]).await;
        assert_eq!((r.status, lang_of(&r)), (StatusCode::OK, "hu"), "{bad}");
    }
}

/// The switch is a plain form: it answers with a redirect back and the cookie.
async fn switch(app: &TestApp, lang: &str, back: &str, cookie: Option<&str>) -> Reply {
    let mut req = Request::post("/api/set_language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    app.send(
        req.body(Body::from(form(&[("lang", lang), ("back", back)])))
            .expect("request"),
    )
    .await
}

fn set_cookie(r: &Reply, name: &str) -> Option<String> {
    r.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

#[tokio::test]
async fn the_switch_works_without_scripts_and_goes_back_only_here() {
    let app = spawn().await;
    let r = switch(&app, "ru", "/directory?country=HU", None).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.headers[header::LOCATION], "/directory?country=HU");
    let cookie = set_cookie(&r, "tierlink_lang").expect("a language cookie");
    assert!(cookie.starts_with("tierlink_lang=ru;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("Max-Age="),
        "{cookie}"
    );
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let r = switch(&app, "tr", evil, None).await;
        assert_eq!(r.headers[header::LOCATION], "/", "{evil}");
    }
    // An unknown language keeps the page's (English here) and is no error.
    let r = switch(&app, "klingon", "/sign-in", None).await;
    assert!(r.status.is_redirection());
    assert!(
        set_cookie(&r, "tierlink_lang")
            .unwrap()
            .starts_with("tierlink_lang=en;")
    );
    // A cross-site post is refused like every other write.
    let req = Request::post("/api/set_language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("lang=ru"))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_users_choice_follows_them_to_another_browser() {
    let app = spawn().await;
    let first = app
        .enroll(
            "provider",
            "Contoso Kft.",
            "9100001",
            "anna@contoso.example",
        )
        .await;
    let r = switch(&app, "hu", "/", Some(&first)).await;
    assert!(r.status.is_redirection());
    // Another browser: no language cookie, an English Accept-Language.
    let signed_in = app.sign_in("anna@contoso.example", "a long password").await;
    let other = signed_in.session_cookie().expect("signed in");
    let home = page(
        &app,
        "/",
        &[
            (header::COOKIE, &other),
            (header::ACCEPT_LANGUAGE, "en-US,en"),
        ],
    )
    .await;
    assert_eq!(
        lang_of(&home),
        "hu",
        "the user's choice wins over the browser's"
    );
    assert!(home.body.contains(Locale::Hu.strings().menu_home));
    // Dates in the server's replies follow it too (Hungarian: 2026. 01. 01.).
    let users = app.call("list_users", "", Some(&other)).await.json();
    let created = users[0]["created"].as_str().unwrap().to_owned();
    assert!(created.starts_with("2026. 01. 01. "), "{created}");
    // After signing out the browser's language is back (no cookie was set in this one).
    app.call("sign_out", "", Some(&other)).await;
    let r = page(&app, "/sign-in", &[(header::ACCEPT_LANGUAGE, "en-US,en")]).await;
    assert_eq!(lang_of(&r), "en");
}

#[tokio::test]
async fn the_invitation_page_follows_the_visitor_and_the_draft_offers_every_language() {
    let app = spawn().await;
    let provider = app
        .enroll(
            "provider",
            "Anatolia Dağıtım A.Ş.",
            "9100002",
            "ayse@anatolia.example",
        )
        .await;
    switch(&app, "tr", "/", Some(&provider)).await;
    let draft = app
        .call("request_partnership", "", Some(&provider))
        .await
        .json();
    assert_eq!(
        draft["locale"], "Tr",
        "the draft starts in the sender's language"
    );
    let tr = Locale::Tr.strings();
    assert!(
        draft["subject"].as_str().unwrap().contains(
            &tr.draft_partnership_subject
                .replace("{provider}", "Anatolia Dağıtım A.Ş.")
        ),
        "{}",
        draft["subject"]
    );
    let languages: Vec<&str> = draft["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["locale"].as_str().unwrap())
        .collect();
    assert_eq!(languages, ["En", "Tr", "Hu", "Ru"]);
    let hu_body = draft["languages"][2]["body"].as_str().unwrap();
    assert!(
        hu_body.contains(draft["link"].as_str().unwrap()),
        "every language keeps the link"
    );
    // The expiry date in the email's own convention: 2026. 01. 31. in Hungarian.
    assert!(hu_body.contains("2026. 01."), "{hu_body}");
    // A Hungarian visitor opens the Turkish provider's link: the page is Hungarian.
    let token = token_of(draft["link"].as_str().unwrap());
    let r = page(
        &app,
        &format!("/invite/{token}"),
        &[(header::ACCEPT_LANGUAGE, "hu-HU,hu;q=0.9")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(lang_of(&r), "hu");
    assert!(r.body.contains(Locale::Hu.strings().sign_in));
}

#[tokio::test]
async fn search_folds_case_in_every_language() {
    let app = spawn().await;
    app.enroll_in(
        "provider",
        "İSTANBUL TEKNOLOJİ A.Ş.",
        "9100003",
        "a@istanbul.example",
        "TR",
        "public",
    )
    .await;
    app.enroll("provider", "Ödön Bt.", "9100004", "o@odon.example")
        .await;
    app.enroll("provider", "ЁЛКА Сервис", "9100005", "e@elka.example")
        .await;
    for (query, expected) in [
        ("istanbul", "İSTANBUL TEKNOLOJİ A.Ş."),
        ("TEKNOLOJI", "İSTANBUL TEKNOLOJİ A.Ş."),
        ("ödön", "Ödön Bt."),
        ("ÖDÖN", "Ödön Bt."),
        ("ёлка", "ЁЛКА Сервис"),
        ("елка", "ЁЛКА Сервис"),
    ] {
        let found = app
            .call("search_directory", &form(&[("name", query)]), None)
            .await
            .json();
        let names: Vec<&str> = found
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, [expected], "{query}");
    }
}
