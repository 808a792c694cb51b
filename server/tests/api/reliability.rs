//! Writes that survive impatient clients and failing disks: requests abandoned mid-write, a
//! failed COMMIT, a full database, a read-only, deleted or locked one, slow clients at
//! shutdown, interrupted sign-ins, and two instances migrating a new database at once.

use crate::common::{TestApp, form, on_sqlite, provider, spawn, spawn_with};
use axum::body::Body;
use http::{Request, StatusCode, header};
use server::on;
use std::{
    net::SocketAddr,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
};
use tower::ServiceExt;

const PASSWORD: &str = "a long password";

fn partnership_request(cookie: &str) -> Request<Body> {
    Request::post("/api/request_partnership")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .expect("request")
}

fn sign_in_request(email: &str, password: &str) -> Request<Body> {
    Request::post("/api/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(Body::from(form(&[
            ("email", email),
            ("password", password),
        ])))
        .expect("request")
}

/// A write answers 200 within a few seconds (a wedged write lock would make it wait out the
/// busy timeout and fail).
async fn a_write_works(app: &TestApp, cookie: &str, when: &str) {
    let r = tokio::time::timeout(
        Duration::from_secs(5),
        app.call("request_partnership", "", Some(cookie)),
    )
    .await
    .unwrap_or_else(|_| panic!("{when}: a write waited more than 5 s"));
    assert_eq!(r.status, StatusCode::OK, "{when}: {}", r.body);
}

/// Waits (at most a minute) until a write succeeds: the work that abandoned requests left
/// running finishes first. A wedged write lock never lets one through.
async fn settle<F, Fut>(write: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = crate::common::Reply>,
{
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let r = write().await;
        if r.status == StatusCode::OK {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "no write succeeded for a minute: {}",
            r.body
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn health(app: &TestApp) -> (StatusCode, String) {
    let r = app.get("/healthz", None).await;
    (r.status, r.body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_abandoned_mid_write_never_wedge_the_database() {
    // One pooled connection (the test default): a single wedged connection stops every write.
    let app = spawn().await;
    let email = "anna@contoso.example";
    let provider = app
        .enroll("provider", "Contoso Kft.", "9100002", email)
        .await;
    // How long one write takes here (the backend, the build and the machine change it): the
    // client gives up at points spread over 0 to 1.2 times that, so most leave mid-request.
    let timed = Instant::now();
    let r = app
        .router
        .clone()
        .oneshot(partnership_request(&provider))
        .await;
    assert!(r.is_ok());
    let one = u64::try_from(timed.elapsed().as_micros())
        .unwrap_or(3000)
        .max(50);
    let mut abandoned = 0;
    for i in 0..400u64 {
        let req = if i % 5 == 0 {
            sign_in_request(email, PASSWORD)
        } else {
            partnership_request(&provider)
        };
        let wait = Duration::from_micros(one * 12 * ((i * 37) % 100) / 1000);
        if tokio::time::timeout(wait, app.router.clone().oneshot(req))
            .await
            .is_err()
        {
            abandoned += 1;
        }
    }
    // (tokio's timer rounds up to whole milliseconds, so the give-up points are coarser than
    // asked: a quarter abandoned at points spread over the write is plenty.)
    assert!(
        abandoned > 100,
        "only {abandoned} of 400 were abandoned (one write: {one} µs)"
    );
    // The abandoned writes finish on their own first (they are queued on the one connection).
    settle(|| app.call("request_partnership", "", Some(&provider))).await;
    for round in 0..3 {
        a_write_works(
            &app,
            &provider,
            &format!("after {abandoned} abandoned, #{round}"),
        )
        .await;
    }
    assert_eq!(health(&app).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_failed_commit_does_not_poison_its_connection() {
    if !on_sqlite() {
        return; // about SQLite's own file, lock or pragmas
    }
    let app = spawn().await;
    let provider = provider(&app).await;
    for trial in 0..5 {
        // The state a COMMIT that failed with SQLITE_FULL or an I/O error leaves: SQLite has
        // already rolled back, sqlx still counts one transaction, and its ROLLBACK fails too.
        let mut tx = server::db::begin_write(app.services.pool())
            .await
            .expect("begin");
        on!(&mut tx, |ex| sqlx::query("COMMIT")
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))
        .expect("commit behind sqlx's back");
        assert!(tx.commit().await.is_err(), "the COMMIT must fail");
        a_write_works(&app, &provider, &format!("after failed commit #{trial}")).await;
    }
}

/// Sets SQLite's page limit on the test's one pooled connection: the database is full at its
/// current size (`Some`), or has room again (`None`).
async fn database_full(app: &TestApp, full: bool) {
    let mut conn = app.services.pool().acquire().await.expect("connection");
    let limit = if full {
        let (pages,): (i64,) = on!(&mut conn, |ex| sqlx::query_as("PRAGMA page_count")
            .fetch_one(ex)
            .await)
        .expect("page count");
        pages
    } else {
        1_073_741_823
    };
    on!(&mut conn, |ex| sqlx::query(&format!(
        "PRAGMA max_page_count = {limit}"
    ))
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .expect("page limit");
}

#[tokio::test]
async fn a_full_database_answers_503_and_writes_work_again_when_space_is_back() {
    if !on_sqlite() {
        return; // about SQLite's own file, lock or pragmas
    }
    let app = spawn().await;
    let provider = provider(&app).await;
    let mut writes_refused = 0;
    for cycle in 0..20 {
        database_full(&app, true).await;
        let mut refusal = None;
        for _ in 0..500 {
            let r = app.call("request_partnership", "", Some(&provider)).await;
            if r.status != StatusCode::OK {
                refusal = Some(r);
                break;
            }
        }
        let r = refusal.unwrap_or_else(|| panic!("cycle {cycle}: nothing filled the database"));
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
        assert!(r.body.contains("Unavailable"), "{}", r.body);
        writes_refused += 1;
        database_full(&app, false).await;
        a_write_works(&app, &provider, &format!("after disk-full cycle {cycle}")).await;
    }
    assert_eq!(writes_refused, 20);
}

#[tokio::test]
async fn healthz_is_503_for_a_read_only_database_and_200_again_after() {
    if !on_sqlite() {
        return; // about SQLite's own file, lock or pragmas
    }
    let app = spawn().await;
    let provider = provider(&app).await;
    assert_eq!(health(&app).await.0, StatusCode::OK);
    // As root, file modes do not stop writes; SQLite's own read-only switch answers exactly as
    // a read-only file or file system does (SQLITE_READONLY).
    let query_only = |on: bool| {
        let pool = app.services.pool().clone();
        async move {
            let mut c = pool.acquire().await.expect("connection");
            on!(&mut c, |ex| sqlx::query(&format!(
                "PRAGMA query_only = {on}"
            ))
            .execute(ex)
            .await
            .map(|r| r.rows_affected()))
            .expect("pragma");
        }
    };
    query_only(true).await;
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("read-only"), "{body}");
    let r = app.call("request_partnership", "", Some(&provider)).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("Unavailable"), "{}", r.body);
    query_only(false).await;
    assert_eq!(health(&app).await.0, StatusCode::OK);
    a_write_works(&app, &provider, "read-write again").await;
}

#[tokio::test]
async fn healthz_is_503_when_the_database_folder_is_deleted() {
    if !on_sqlite() {
        return; // about SQLite's own file, lock or pragmas
    }
    let app = spawn().await;
    assert_eq!(health(&app).await.0, StatusCode::OK);
    std::fs::remove_dir_all(app.dir.path()).expect("remove the database folder");
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("gone"), "{body}");
}

#[tokio::test]
async fn healthz_is_503_when_the_database_file_is_replaced() {
    if !on_sqlite() {
        return; // about SQLite's own file, lock or pragmas
    }
    let app = spawn().await;
    let path = app.dir.path().join("test.db");
    let moved = app.dir.path().join("moved.db");
    std::fs::rename(&path, &moved).expect("move");
    std::fs::copy(&moved, &path).expect("copy back");
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("replaced"), "{body}");
}

#[tokio::test]
async fn healthz_is_503_while_another_holds_the_write_lock() {
    use sqlx::Connection;
    let app = spawn().await;
    // Another process holds the lock writers take: SQLite's write lock, or on PostgreSQL the
    // advisory lock of `db::begin_write`.
    enum Other {
        Sqlite(sqlx::SqliteConnection),
        Postgres(sqlx::PgConnection),
    }
    let mut other = if on_sqlite() {
        let mut c = sqlx::SqliteConnection::connect(&app.db_url)
            .await
            .expect("second connection");
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut c)
            .await
            .expect("lock");
        Other::Sqlite(c)
    } else {
        let mut c = sqlx::PgConnection::connect(&app.db_url)
            .await
            .expect("second connection");
        sqlx::query("SELECT pg_advisory_lock($1)")
            .bind(server::db::WRITE_LOCK)
            .execute(&mut c)
            .await
            .expect("lock");
        Other::Postgres(c)
    };
    let started = Instant::now();
    let (status, body) = health(&app).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body.contains("write lock"), "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    match &mut other {
        Other::Sqlite(c) => sqlx::query("ROLLBACK").execute(&mut *c).await.map(drop),
        Other::Postgres(c) => sqlx::query("SELECT pg_advisory_unlock_all()")
            .execute(&mut *c)
            .await
            .map(drop),
    }
    .expect("unlock");
    assert_eq!(health(&app).await.0, StatusCode::OK);
}

/// PostgreSQL goes away while the server runs (every connection ended, new ones refused): pages
/// and writes answer 503 and `/healthz` says why; once it is back the same process serves again,
/// with no restart.
#[tokio::test]
async fn a_lost_postgres_answers_503_and_is_used_again_once_back() {
    use sqlx::Connection;
    let Some(server_url) = crate::common::postgres_server() else {
        return; // PostgreSQL's outage (SQLite's own faults are above)
    };
    let app = spawn().await;
    let provider = provider(&app).await;
    a_write_works(&app, &provider, "before the outage").await;
    let name = app
        .db_url
        .split('?')
        .next()
        .and_then(|u| u.rsplit('/').next())
        .expect("a database name")
        .to_owned();
    let mut admin = sqlx::PgConnection::connect(&server_url)
        .await
        .expect("the test server");
    let outage = |on: bool| format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {}", !on);
    sqlx::query(&outage(true))
        .execute(&mut admin)
        .await
        .expect("outage");
    sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
        .bind(&name)
        .execute(&mut admin)
        .await
        .expect("connections ended");
    let r = app.call("request_partnership", "", Some(&provider)).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
    assert!(r.body.contains("Unavailable"), "{}", r.body);
    // A page says so in words, not "sign in" (the session could not be read).
    let page = app.get("/customers", Some(&provider)).await;
    assert_eq!(
        page.status,
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("The service is unavailable right now"),
        "{}",
        page.body
    );
    assert_eq!(page.headers["retry-after"], "30");
    assert_eq!(health(&app).await.0, StatusCode::SERVICE_UNAVAILABLE);
    sqlx::query(&outage(false))
        .execute(&mut admin)
        .await
        .expect("back");
    assert_eq!(health(&app).await.0, StatusCode::OK);
    a_write_works(&app, &provider, "after the outage").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_sign_in_does_not_count_against_the_account() {
    let app = spawn().await;
    let email = "anna@contoso.example";
    app.enroll("provider", "Contoso Kft.", "9100002", email)
        .await;
    // Each is dropped a moment after its attempt was counted, while the password is checked.
    for i in 0..12u64 {
        let req = sign_in_request(email, PASSWORD);
        let _ = tokio::time::timeout(
            Duration::from_millis(2 + i % 3),
            app.router.clone().oneshot(req),
        )
        .await;
    }
    // The sign-ins finish without their clients and take their attempts back.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (n,): (i64,) = on!(app.services.pool(), |ex| sqlx::query_as(
            "SELECT COUNT(*) FROM rate_events WHERE key LIKE 'signin-account:%'"
        )
        .fetch_one(ex)
        .await)
        .expect("count");
        if n == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{n} interrupted sign-ins still count against the account"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let r = app.sign_in(email, PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

/// Serves the test app on a loopback port with the given limits; the sender stops it.
async fn serve_in_process(
    app: &TestApp,
    limits: server::serve::Limits,
) -> (
    SocketAddr,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(server::serve::serve(
        listener,
        app.router.clone(),
        limits,
        async move {
            let _ = stopped.await;
        },
    ));
    (addr, stop, server)
}

/// Reads what the server sends until it closes the connection or `within` passes.
async fn read_until_closed(stream: &mut TcpStream, within: Duration) -> Option<String> {
    let mut buf = Vec::new();
    match tokio::time::timeout(within, stream.read_to_end(&mut buf)).await {
        Ok(_) => Some(String::from_utf8_lossy(&buf).into_owned()),
        Err(_) => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_do_not_hold_shutdown_past_its_bound() {
    let app = spawn().await;
    let limits = server::serve::Limits {
        header_timeout: Duration::from_secs(60),
        shutdown_grace: Duration::from_secs(1),
    };
    let (addr, stop, server) = serve_in_process(&app, limits).await;
    // Half a request head, and a whole head whose body never comes.
    let mut half_head = TcpStream::connect(addr).await.expect("connect");
    half_head
        .write_all(b"POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("write");
    let mut no_body = TcpStream::connect(addr).await.expect("connect");
    no_body
        .write_all(
            b"POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n\
              Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nemail=",
        )
        .await
        .expect("write");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    stop.send(()).expect("stop");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("shutdown waited for the slow clients")
        .expect("server task");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "shutdown took {:?} with a 1 s bound",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_head_that_never_finishes_is_dropped() {
    let app = spawn().await;
    let limits = server::serve::Limits {
        header_timeout: Duration::from_secs(1),
        shutdown_grace: Duration::from_secs(1),
    };
    let (addr, _stop, _server) = serve_in_process(&app, limits).await;
    let mut slow = TcpStream::connect(addr).await.expect("connect");
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await
        .expect("write");
    assert!(
        read_until_closed(&mut slow, Duration::from_secs(5))
            .await
            .is_some(),
        "the connection was still open 5 s after a 1 s header timeout"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_that_never_finishes_gets_408() {
    let app = spawn_with(|c| c.body_timeout = Duration::from_secs(1)).await;
    let limits = server::serve::Limits {
        header_timeout: Duration::from_secs(60),
        shutdown_grace: Duration::from_secs(1),
    };
    let (addr, _stop, _server) = serve_in_process(&app, limits).await;
    let mut slow = TcpStream::connect(addr).await.expect("connect");
    slow.write_all(
        b"POST /api/sign_in HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\
          Connection: close\r\n\r\nemail=",
    )
    .await
    .expect("write");
    let answer = read_until_closed(&mut slow, Duration::from_secs(5))
        .await
        .expect("no answer 5 s after a 1 s body timeout");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

// --- A real server process -------------------------------------------------------------------

/// A `server` process on a loopback port and its own database; killed when dropped.
struct Process {
    child: Child,
    addr: SocketAddr,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn server_command(db_url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_server"));
    cmd.env("TIERLINK_DATABASE_URL", db_url)
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

async fn start_process() -> Process {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_url = format!("sqlite://{}/tierlink.db", dir.path().display());
    let mut process = start_process_on(&db_url, dir.path(), &[]).await;
    process._dir = Some(dir);
    process
}

/// A server process on this database, with these settings too.
async fn start_process_on(
    db_url: &str,
    site_root: &std::path::Path,
    settings: &[(&str, &str)],
) -> Process {
    let addr = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        l.local_addr().expect("address")
    };
    let child = server_command(db_url)
        .arg("serve")
        .env("TIERLINK_LISTEN", addr.to_string())
        .env("TIERLINK_PUBLIC_URL", format!("http://{addr}"))
        .env("LEPTOS_SITE_ROOT", site_root)
        .envs(settings.iter().copied())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server");
    let process = Process {
        child,
        addr,
        _dir: None,
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(r) = raw(addr, "GET", "/healthz", None, "").await
            && r.starts_with("HTTP/1.1 200")
        {
            return process;
        }
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn raw_request(method: &str, path: &str, cookie: Option<&str>, body: &str) -> String {
    let cookie = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Sec-Fetch-Site: same-origin\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\n{cookie}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// One request on its own connection; the whole answer as text.
async fn raw(
    addr: SocketAddr,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    body: &str,
) -> std::io::Result<String> {
    let mut s = TcpStream::connect(addr).await?;
    s.write_all(raw_request(method, path, cookie, body).as_bytes())
        .await?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_hang_up_mid_write_leave_a_real_server_writable() {
    let server = start_process().await;
    let addr = server.addr;
    let email = "anna@contoso.example";
    let enrolled = raw(
        addr,
        "POST",
        "/api/enroll",
        None,
        &crate::common::enroll_form("provider", "Contoso Kft.", "HU", "9100002", email, PASSWORD),
    )
    .await
    .expect("enroll");
    assert!(enrolled.starts_with("HTTP/1.1 200"), "{enrolled}");
    let cookie = enrolled
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_owned();
    let sign_in = form(&[("email", email), ("password", PASSWORD)]);
    let trials = 300;
    for i in 0..trials {
        let request = if i % 3 == 0 {
            raw_request("POST", "/api/sign_in", None, &sign_in)
        } else {
            raw_request("POST", "/api/request_partnership", Some(&cookie), "")
        };
        let mut s = TcpStream::connect(addr).await.expect("connect");
        s.write_all(request.as_bytes()).await.expect("write");
        // Hang up 0–2 ms later, without reading the answer.
        tokio::time::sleep(Duration::from_micros((i * 700) % 2100)).await;
        drop(s);
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let r = raw(addr, "POST", "/api/request_partnership", Some(&cookie), "")
            .await
            .expect("write");
        if r.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "no write succeeded for a minute after {trials} abandoned requests: {r}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for round in 0..3 {
        let started = Instant::now();
        let r = raw(addr, "POST", "/api/request_partnership", Some(&cookie), "")
            .await
            .expect("write");
        assert!(
            r.starts_with("HTTP/1.1 200"),
            "after {trials} abandoned requests, #{round}: {r}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "#{round} took {:?}",
            started.elapsed()
        );
    }
    let h = raw(addr, "GET", "/healthz", None, "")
        .await
        .expect("healthz");
    assert!(h.starts_with("HTTP/1.1 200"), "{h}");
}

#[test]
fn two_instances_migrating_a_new_database_at_once_both_succeed() {
    for trial in 0..10 {
        let dir = tempfile::tempdir().expect("temp dir");
        let db_url = format!("sqlite://{}/tierlink.db", dir.path().display());
        let children: Vec<Child> = (0..2)
            .map(|_| {
                server_command(&db_url)
                    .arg("migrate")
                    .spawn()
                    .expect("start")
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().expect("wait");
            assert!(
                out.status.success(),
                "trial {trial}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

/// A webhook delivery committed with its change is made even when the server is killed before
/// it could deliver: the next server on the database delivers it (the outbox is the database).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_webhook_queued_before_a_kill_is_delivered_after_the_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db_url = format!("sqlite://{}/tierlink.db", dir.path().display());
    let loopback = [("TIERLINK_WEBHOOKS_ALLOW_LOOPBACK", "true")];
    // The receiver's port, with nobody listening yet: the first attempt fails.
    let hook_port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        l.local_addr().expect("address").port()
    };
    let first = start_process_on(&db_url, dir.path(), &loopback).await;
    let enrolled = raw(
        first.addr,
        "POST",
        "/api/enroll",
        None,
        &crate::common::enroll_form(
            "provider",
            "Contoso Kft.",
            "HU",
            "9100002",
            "a@c.example",
            PASSWORD,
        ),
    )
    .await
    .expect("enroll");
    let cookie = enrolled
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("session cookie")
        .to_owned();
    let url = format!("http://127.0.0.1:{hook_port}/hook");
    let created = raw(
        first.addr,
        "POST",
        "/api/create_webhook",
        Some(&cookie),
        &form(&[("url", &url), ("events[customer_created]", "on")]),
    )
    .await
    .expect("create");
    assert!(created.starts_with("HTTP/1.1 200"), "{created}");
    let db = sqlx::SqlitePool::connect(&db_url)
        .await
        .expect("the database");
    let (endpoint,): (String,) = sqlx::query_as("SELECT id FROM webhook_endpoints")
        .fetch_one(&db)
        .await
        .expect("the endpoint");
    let sent = raw(
        first.addr,
        "POST",
        "/api/send_test_webhook",
        Some(&cookie),
        &form(&[("id", &endpoint)]),
    )
    .await
    .expect("send test");
    assert!(sent.starts_with("HTTP/1.1 200"), "{sent}");
    // The first attempt failed and was recorded; then the server is killed (SIGKILL).
    let deadline = Instant::now() + Duration::from_secs(20);
    let delivery = loop {
        let row: Option<(String, i64)> = sqlx::query_as(
            "SELECT id, attempts FROM webhook_deliveries
             WHERE state = 'pending' AND attempts >= 1 AND lease_until IS NULL",
        )
        .fetch_optional(&db)
        .await
        .expect("a read");
        if let Some((id, _)) = row {
            break id;
        }
        assert!(Instant::now() < deadline, "no failed first attempt");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    drop(first);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", hook_port))
        .await
        .expect("the receiver's port");
    let receiver = crate::webhooks::Receiver::on(listener).await;
    let _second = start_process_on(&db_url, dir.path(), &loopback).await;
    let deadline = Instant::now() + Duration::from_secs(30);
    while receiver.got().is_empty() {
        assert!(Instant::now() < deadline, "not delivered after the restart");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let got = receiver.got();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].header("webhook-id"), delivery);
    assert_eq!(got[0].json()["type"], "webhook.test");
}
