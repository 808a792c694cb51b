//! A test server: the real router on a real database, a clock the test moves, and helpers that
//! talk to it the way the browser does. The database is a SQLite file in a temporary folder, or,
//! when `TIERLINK_TEST_POSTGRES` names a PostgreSQL server (`scripts/test.sh` starts a throwaway
//! one and runs the suite twice), a new database of its own on that server.

use app::model::{Actor, Draft, NewUser};
use axum::{Router, body::Body};
use http::{HeaderMap, Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use server::on;
use server::{
    config::Config,
    services::{Services, clock::ManualClock},
};
use std::sync::Arc;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub services: Services,
    pub clock: Arc<ManualClock>,
    pub db_url: String,
    pub dir: Arc<tempfile::TempDir>,
}

pub const START_MS: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

pub async fn spawn() -> TestApp {
    spawn_with(|_| {}).await
}

/// A test app with some settings changed.
pub async fn spawn_with(change: impl FnOnce(&mut Config)) -> TestApp {
    let dir = Arc::new(tempfile::tempdir().expect("temp dir"));
    let db_url = match postgres_server() {
        Some(server) => new_postgres_database(&server).await,
        None => format!("sqlite://{}/test.db", dir.path().display()),
    };
    let mut config = Config::for_tests(db_url);
    change(&mut config);
    start(config, dir, Arc::new(ManualClock::new(START_MS))).await
}

/// The PostgreSQL server the suite runs on, if it runs on PostgreSQL.
pub fn postgres_server() -> Option<String> {
    std::env::var("TIERLINK_TEST_POSTGRES")
        .ok()
        .filter(|s| !s.is_empty())
}

/// Whether this run is on SQLite (some tests are about SQLite's file and lock).
pub fn on_sqlite() -> bool {
    postgres_server().is_none()
}

/// A new, empty database on the test PostgreSQL server; its URL.
pub async fn new_postgres_database(server: &str) -> String {
    use sqlx::Connection;
    let name = format!("t_{}", uuid::Uuid::now_v7().simple());
    let mut admin = sqlx::PgConnection::connect(server)
        .await
        .expect("the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("a test database");
    // The server's URL names its maintenance database (`/postgres`); the new one replaces it.
    let (base, query) = server.split_once('?').unwrap_or((server, ""));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    }
}

impl TestApp {
    /// A second server instance on this one's database (its own pool, caches and clock
    /// reading the same time), as a load balancer's second backend would be.
    pub async fn second_instance(&self) -> TestApp {
        spawn_on(self.db_url.clone(), self.dir.clone(), self.clock.clone()).await
    }
}

/// A new app (as after a restart) on the same database.
pub async fn spawn_on(
    db_url: String,
    dir: Arc<tempfile::TempDir>,
    clock: Arc<ManualClock>,
) -> TestApp {
    spawn_on_with(db_url, dir, clock, |_| {}).await
}

/// [`spawn_on`] with some settings changed.
pub async fn spawn_on_with(
    db_url: String,
    dir: Arc<tempfile::TempDir>,
    clock: Arc<ManualClock>,
    change: impl FnOnce(&mut Config),
) -> TestApp {
    let mut config = Config::for_tests(db_url);
    change(&mut config);
    start(config, dir, clock).await
}

async fn start(config: Config, dir: Arc<tempfile::TempDir>, clock: Arc<ManualClock>) -> TestApp {
    // The server's error log, shown with a failing test's output (the cause of a 500).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("server=error"))
        .with_test_writer()
        .try_init();
    let db_url = config.database_url.clone();
    let services = server::services(config, clock.clone())
        .await
        .expect("services");
    let router = server::router(&services);
    TestApp {
        router,
        services,
        clock,
        db_url,
        dir,
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// The reply as the `app` model type the page decodes it into.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            let t = std::any::type_name::<T>();
            panic!("not a {t} ({e}): {}", self.body)
        })
    }

    /// The session token from `Set-Cookie`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("tierlink_session=") && !c.contains("Max-Age=0"))
            .and_then(|c| c.split(';').next())
            .map(str::to_owned)
    }
}

pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Reply {
        let res: Response<Body> = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Calls a server function as the hydrated page does (form-encoded POST, JSON answer).
    pub async fn call(&self, endpoint: &str, body: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.to_owned())).expect("request"))
            .await
    }

    /// Calls a server function whose input is JSON (`input = Json`), as the hydrated page does.
    pub async fn call_json(
        &self,
        endpoint: &str,
        body: &serde_json::Value,
        cookie: Option<&str>,
    ) -> Reply {
        let mut req = Request::post(format!("/api/{endpoint}"))
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(body.to_string())).expect("request"))
            .await
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::get(path).header(header::ACCEPT, "text/html");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).expect("request")).await
    }

    /// Enrolls a partner and returns its Global admin's session cookie.
    pub async fn enroll(&self, kind: &str, name: &str, mpn: &str, email: &str) -> String {
        self.enroll_in(kind, name, mpn, email, "HU", "public").await
    }

    /// Enrolls a partner in a given country and cloud.
    pub async fn enroll_in(
        &self,
        kind: &str,
        name: &str,
        mpn: &str,
        email: &str,
        country: &str,
        cloud: &str,
    ) -> String {
        let body = enroll_form(kind, name, country, mpn, email, "a long password").replace(
            "form%5Bcloud%5D=public",
            &format!("form%5Bcloud%5D={cloud}"),
        );
        let r = self.call("enroll", &body, None).await;
        assert_eq!(r.status, StatusCode::OK, "enroll: {}", r.body);
        r.session_cookie().expect("session cookie")
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Reply {
        self.call(
            "sign_in",
            &form(&[("email", email), ("password", password)]),
            None,
        )
        .await
    }

    pub async fn me(&self, cookie: &str) -> serde_json::Value {
        let r = self.call("current_user", "", Some(cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.json()
    }

    /// Who the cookie signs in, as the page sees it; none when it signs in no one.
    pub async fn actor(&self, cookie: &str) -> Option<Actor> {
        let r = self.call("current_user", "", Some(cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        r.decode()
    }

    /// Changes a signed-in user's password from `current` to "my own password".
    pub async fn change_password(&self, cookie: &str, current: &str) -> Reply {
        self.call(
            "change_password",
            &form(&[
                ("current_password", current),
                ("new_password", "my own password"),
                ("repeat_password", "my own password"),
            ]),
            Some(cookie),
        )
        .await
    }

    /// Adds a user with the given role names, as the Users page posts it.
    pub async fn add_user(&self, admin_cookie: &str, email: &str, roles: &[&str]) -> Reply {
        let mut pairs = vec![("name", "Test User"), ("email", email)];
        let keys: Vec<String> = roles.iter().map(|r| format!("roles[{r}]")).collect();
        for k in &keys {
            pairs.push((k.as_str(), "on"));
        }
        self.call("add_user", &form(&pairs), Some(admin_cookie))
            .await
    }

    /// Adds a user, signs them in and sets their own password: (their session cookie, their id).
    pub async fn user_with_roles(
        &self,
        admin_cookie: &str,
        email: &str,
        roles: &[&str],
    ) -> (String, String) {
        let r = self.add_user(admin_cookie, email, roles).await;
        assert_eq!(r.status, StatusCode::OK, "add_user: {}", r.body);
        let NewUser {
            id,
            temporary_password: temp,
            ..
        } = r.decode();
        let s = self.sign_in(email, &temp).await;
        assert_eq!(s.status, StatusCode::OK, "sign_in: {}", s.body);
        let cookie = s.session_cookie().expect("cookie");
        let c = self.change_password(&cookie, &temp).await;
        assert_eq!(c.status, StatusCode::OK, "change_password: {}", c.body);
        (cookie, id.to_string())
    }

    /// Answers an invitation link as its page posts it; `consent` is the box (authorizing the
    /// provider, or accepting the Customer Agreement).
    pub async fn answer(&self, cookie: &str, token: &str, accept: bool, consent: bool) -> Reply {
        let mut pairs = vec![
            ("token", token),
            ("accept", if accept { "true" } else { "false" }),
        ];
        if consent {
            pairs.push(("authorize", "on"));
        }
        self.call("respond_invitation", &form(&pairs), Some(cookie))
            .await
    }

    /// The provider requests a partnership and the reseller accepts it.
    pub async fn partner_up(&self, provider: &str, reseller: &str) {
        let p: Draft = self
            .call("request_partnership", "", Some(provider))
            .await
            .decode();
        let r = self
            .call(
                "respond_invitation",
                &form(&[
                    ("token", &token_of(&p.link)),
                    ("accept", "true"),
                    ("authorize", "on"),
                ]),
                Some(reseller),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }

    pub async fn count(&self, table: &str) -> i64 {
        let (n,): (i64,) = on!(self.services.pool(), |ex| sqlx::query_as(&format!(
            "SELECT COUNT(*) FROM {table}"
        ))
        .fetch_one(ex)
        .await)
        .expect("count");
        n
    }
}

/// The token at the end of an invitation link (a draft's `link`).
pub fn token_of(link: &str) -> String {
    link.rsplit('/').next().expect("a link").to_owned()
}

pub fn enroll_form(
    kind: &str,
    name: &str,
    country: &str,
    mpn: &str,
    email: &str,
    password: &str,
) -> String {
    form(&[
        ("form[kind]", kind),
        ("form[legal_name]", name),
        ("form[country]", country),
        ("form[cloud]", "public"),
        ("form[mpn_id]", mpn),
        ("form[name]", "Ayşe Yılmaz"),
        ("form[email]", email),
        ("form[password]", password),
        ("form[time_zone]", "Europe/Budapest"),
    ])
}

/// `futures::future::join_all` without the dependency: polls every future on this task, so
/// that the requests really overlap, and gives their outputs in order.
pub async fn join_all<F: std::future::Future>(futs: impl Iterator<Item = F>) -> Vec<F::Output> {
    let mut pending: Vec<_> = futs.map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (f, slot) in pending.iter_mut().zip(out.iter_mut()) {
            if slot.is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(r) => *slot = Some(r),
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.into_iter().flatten().collect()
}

/// The code of a refusal (`{"Refused": code}`), or Null.
pub fn refusal(r: &Reply) -> serde_json::Value {
    r.json()["Refused"].clone()
}

/// The code of a field's error in an `Invalid` answer.
pub fn field_code(r: &Reply, field: &str) -> Option<String> {
    r.json()["Invalid"]
        .as_array()?
        .iter()
        .find(|e| e["field"] == field)
        .and_then(|e| e["code"].as_str().map(str::to_owned))
}

pub async fn org_id(app: &TestApp, cookie: &str) -> String {
    app.actor(cookie)
        .await
        .expect("signed in")
        .org_id
        .to_string()
}

/// The activity codes recorded for an organization, oldest first.
pub async fn activity_actions(app: &TestApp, org: &str) -> Vec<String> {
    on!(app.services.pool(), |ex| sqlx::query_as::<_, (String,)>(
        "SELECT action FROM activity_entries WHERE organization_id = $1 ORDER BY at, id",
    )
    .bind(org)
    .fetch_all(ex)
    .await)
    .expect("activity")
    .into_iter()
    .map(|(a,)| a)
    .collect()
}

/// Enrolls Contoso Kft., an indirect provider in Hungary: its Global admin's session cookie.
pub async fn provider(app: &TestApp) -> String {
    app.enroll(
        "provider",
        "Contoso Kft.",
        "9100002",
        "anna@contoso.example",
    )
    .await
}

/// The reseller Fabrikam Kft., enrolled and signed in: its session cookie.
pub async fn reseller(app: &TestApp) -> String {
    app.enroll(
        "reseller",
        "Fabrikam Kft.",
        "9100001",
        "lena@fabrikam.example",
    )
    .await
}

/// The reseller Northwind Kft. (no one's partner unless a test makes it one), enrolled and
/// signed in: its session cookie.
pub async fn northwind(app: &TestApp) -> String {
    app.enroll(
        "reseller",
        "Northwind Kft.",
        "9100003",
        "z@northwind.example",
    )
    .await
}

/// The operator, signed in: its session cookie.
pub async fn operator(app: &TestApp) -> String {
    server::tools::operator::create(
        &app.services,
        "op@tierlink.example",
        "Op",
        Some("operator password".into()),
    )
    .await
    .unwrap();
    app.sign_in("op@tierlink.example", "operator password")
        .await
        .session_cookie()
        .unwrap()
}

/// A partner asks for a reseller relationship (W6), with delegated admin permissions if `ask`.
pub async fn request_relationship(app: &TestApp, partner: &str, ask: bool) -> Reply {
    let body = if ask {
        form(&[("ask_delegated_admin", "on")])
    } else {
        String::new()
    };
    app.call("request_relationship", &body, Some(partner)).await
}

/// A partner's new reseller relationship request: its link's token.
pub async fn new_request(app: &TestApp, partner: &str, ask: bool) -> String {
    let r = request_relationship(app, partner, ask).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    token_of(&r.decode::<Draft>().link)
}

/// Creates a customer organization through a link, as the link's page posts it.
pub async fn try_customer(
    app: &TestApp,
    token: &str,
    name: &str,
    country: &str,
    prefix: &str,
    email: &str,
) -> Reply {
    let body = form(&[
        ("token", token),
        ("form[legal_name]", name),
        ("form[country]", country),
        ("form[cloud]", "public"),
        ("form[domain_prefix]", prefix),
        ("form[name]", "Eszter Kiss"),
        ("form[email]", email),
        ("form[password]", "a long password"),
        ("form[time_zone]", "Europe/Budapest"),
    ]);
    app.call("enroll_customer", &body, None).await
}

/// Creates a customer organization in Hungary through the link: its Global admin's session
/// cookie.
pub async fn customer_via(
    app: &TestApp,
    token: &str,
    name: &str,
    prefix: &str,
    email: &str,
) -> String {
    let r = try_customer(app, token, name, "HU", prefix, email).await;
    assert_eq!(r.status, StatusCode::OK, "enroll_customer: {}", r.body);
    r.session_cookie().expect("cookie")
}
