//! The public directory of providers: listed at once, searched, and kept by the operator.

use crate::common::{TestApp, form, operator, spawn};
use app::model::ProviderProfile;
use http::StatusCode;

/// Contoso Kft. (HU) and Anatolia Dağıtım A.Ş. (TR), providers, and a reseller, just enrolled;
/// the operator signed in: (operator cookie, Contoso's id).
async fn directory(app: &TestApp) -> (String, String) {
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
    let contoso = search(app, &[], None)
        .await
        .into_iter()
        .find(|p| p.name == "Contoso Kft.")
        .expect("Contoso listed")
        .org_id
        .to_string();
    (operator(app).await, contoso)
}

async fn search(
    app: &TestApp,
    pairs: &[(&str, &str)],
    cookie: Option<&str>,
) -> Vec<ProviderProfile> {
    let r = app.call("search_directory", &form(pairs), cookie).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

/// The operator's form for Contoso's profile.
fn profile(contoso: &str, pairs: &[(&str, &str)]) -> String {
    let mut p = vec![("provider_id", contoso)];
    p.extend_from_slice(pairs);
    form(&p)
}

/// Hides a profile from the public.
fn hide(contoso: &str) -> String {
    profile(
        contoso,
        &[
            ("profile[countries_served]", "HU"),
            ("profile[website]", ""),
            ("profile[contact_email]", ""),
            ("profile[description]", ""),
            ("profile[hidden]", "on"),
        ],
    )
}

#[tokio::test]
async fn the_directory_lists_new_providers_only_by_name_to_everyone_as_not_verified() {
    let app = spawn().await;
    directory(&app).await;
    let all = search(&app, &[], None).await;
    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        ["Anatolia Dağıtım A.Ş.", "Contoso Kft."],
        "providers only, by name, public"
    );
    assert!(
        all.iter().all(|p| !p.verified),
        "new providers are listed as not verified"
    );
}

#[tokio::test]
async fn the_directory_searches_by_country_and_by_name_literally() {
    let app = spawn().await;
    directory(&app).await;
    assert_eq!(search(&app, &[("country", "hu")], None).await.len(), 1);
    let by_name = search(&app, &[("name", "CONTO")], None).await;
    assert_eq!(by_name[0].name, "Contoso Kft.");
    let none = search(&app, &[("name", "%")], None).await;
    assert!(none.is_empty(), "LIKE wildcards are taken literally");
    let bad = app
        .call("search_directory", &form(&[("country", "XX")]), None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_operator_edits_a_profile_which_stays_unverified_until_ticked() {
    let app = spawn().await;
    let (op, contoso) = directory(&app).await;
    let body = profile(
        &contoso,
        &[
            ("profile[countries_served]", "HU at SK"),
            ("profile[website]", "https://contoso.example"),
            ("profile[contact_email]", "Partners@Contoso.example"),
            ("profile[description]", "Distribution for Central Europe."),
        ],
    );
    let r = app.call("update_provider_profile", &body, Some(&op)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let at = search(&app, &[("country", "AT")], None).await;
    assert_eq!(at[0].website, "https://contoso.example");
    assert!(!at[0].verified, "until the operator ticks the box");
    assert_eq!(at[0].contact_email, "partners@contoso.example");
    assert_eq!(at[0].countries_served, ["HU", "AT", "SK"]);
}

#[tokio::test]
async fn verified_providers_are_listed_first() {
    let app = spawn().await;
    let (op, contoso) = directory(&app).await;
    let verify = profile(
        &contoso,
        &[
            ("profile[countries_served]", "HU AT SK"),
            ("profile[website]", "https://contoso.example"),
            ("profile[contact_email]", "partners@contoso.example"),
            ("profile[description]", "Distribution for Central Europe."),
            ("profile[verified]", "on"),
        ],
    );
    let r = app
        .call("update_provider_profile", &verify, Some(&op))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let all = search(&app, &[], None).await;
    assert_eq!(
        (all[0].name.as_str(), all[0].verified),
        ("Contoso Kft.", true),
        "verified providers first"
    );
}

#[tokio::test]
async fn a_bad_profile_is_refused_field_by_field() {
    let app = spawn().await;
    let (op, contoso) = directory(&app).await;
    let bad = profile(
        &contoso,
        &[
            ("profile[countries_served]", "HU XX"),
            ("profile[website]", "javascript:alert(1)"),
            ("profile[contact_email]", "nope"),
            ("profile[description]", ""),
        ],
    );
    let r = app.call("update_provider_profile", &bad, Some(&op)).await;
    let e = r.json()["Invalid"].to_string();
    assert!(
        e.contains("country_unknown") && e.contains("url_format") && e.contains("email_format"),
        "{e}"
    );
}

#[tokio::test]
async fn a_hidden_provider_is_listed_for_the_operator_only() {
    let app = spawn().await;
    let (op, contoso) = directory(&app).await;
    assert_eq!(
        app.call("update_provider_profile", &hide(&contoso), Some(&op))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        search(&app, &[], None).await.len(),
        1,
        "hidden from the public"
    );
    assert_eq!(
        search(&app, &[], Some(&op)).await.len(),
        2,
        "the operator sees it"
    );
}

#[tokio::test]
async fn a_provider_reads_its_own_profile_and_only_the_operator_changes_it() {
    let app = spawn().await;
    let (op, contoso) = directory(&app).await;
    let r = app
        .call("update_provider_profile", &hide(&contoso), Some(&op))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let provider = app
        .sign_in("p@p.example", "a long password")
        .await
        .session_cookie()
        .unwrap();
    assert_eq!(
        app.call("update_provider_profile", &hide(&contoso), Some(&provider))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mine: Option<ProviderProfile> = app
        .call("my_provider_profile", "", Some(&provider))
        .await
        .decode();
    assert_eq!(mine.expect("a profile").name, "Contoso Kft.");
}
