//! Webhooks (issue 22): registration and its refusals, deliveries signed as Standard Webhooks
//! say, retries with backoff, failing endpoints, rotation, and several instances. The receiver
//! is a real HTTP server on a loopback port (the tests' apps permit loopback).

mod delivery;
mod events;
mod registration;

use crate::common::{TestApp, form, spawn_with};
use app::model::{DeliveryRow, WebhookRow, WebhookSecret};
use axum::{
    Router,
    extract::State,
    http::{HeaderMap, header::LOCATION},
    response::{IntoResponse, Response},
    routing::post,
};
use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use http::StatusCode;
use server::on;
use server::services::webhooks::deliver::{Sender, deliver_due};
use sha2::Sha256;
use std::{
    collections::VecDeque,
    net::SocketAddr,
    sync::{Arc, Mutex},
};

/// A request the receiver got.
#[derive(Clone, Debug)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: String,
}

impl Received {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

#[derive(Default)]
struct Inbox {
    got: Vec<Received>,
    /// Answers to give, in order; 200 when none is left.
    answers: VecDeque<u16>,
}

/// A webhook receiver on a loopback port.
#[derive(Clone)]
pub struct Receiver {
    pub addr: SocketAddr,
    inbox: Arc<Mutex<Inbox>>,
}

impl Receiver {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        Self::on(listener).await
    }

    pub async fn on(listener: tokio::net::TcpListener) -> Self {
        let addr = listener.local_addr().expect("address");
        let inbox = Arc::new(Mutex::new(Inbox::default()));
        let app = Router::new()
            .route("/hook", post(receive))
            .with_state(inbox.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { addr, inbox }
    }

    pub fn url(&self) -> String {
        format!("http://{}/hook", self.addr)
    }

    /// Answers the next requests with these codes (then 200).
    pub fn answer(&self, codes: &[u16]) {
        self.inbox
            .lock()
            .expect("inbox")
            .answers
            .extend(codes.iter().copied());
    }

    pub fn got(&self) -> Vec<Received> {
        self.inbox.lock().expect("inbox").got.clone()
    }
}

/// Records the request and gives the next answer: a code (a 3xx with a `Location` on another
/// host), or for 0 no answer for 3 seconds.
async fn receive(
    State(inbox): State<Arc<Mutex<Inbox>>>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let code = {
        let mut inbox = inbox.lock().expect("inbox");
        inbox.got.push(Received { headers, body });
        inbox.answers.pop_front().unwrap_or(200)
    };
    if code == 0 {
        tokio::time::sleep(std::time::Duration::from_secs(3)).await;
        return StatusCode::OK.into_response();
    }
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
    if status.is_redirection() {
        return (status, [(LOCATION, "https://elsewhere.example/hook")]).into_response();
    }
    status.into_response()
}

/// Changes an endpoint's address behind the service's back (as if it had been registered
/// before a rule changed).
pub async fn set_url(app: &TestApp, id: &str, url: &str) {
    on!(app.services.pool(), |ex| sqlx::query(
        "UPDATE webhook_endpoints SET url = $1 WHERE id = $2"
    )
    .bind(url)
    .bind(id)
    .execute(ex)
    .await
    .map(|r| r.rows_affected()))
    .expect("an address changed");
}

/// A test app whose webhooks may go to loopback (the receiver).
pub async fn app() -> TestApp {
    spawn_with(|c| c.webhooks_allow_loopback = true).await
}

/// Registers an endpoint for these events (their form field names' inner part, such as
/// `invitation_accepted`): the answer with its secret.
pub async fn register(app: &TestApp, cookie: &str, url: &str, events: &[&str]) -> WebhookSecret {
    let r = try_register(app, cookie, url, events).await;
    assert_eq!(r.status, StatusCode::OK, "create_webhook: {}", r.body);
    r.decode()
}

pub async fn try_register(
    app: &TestApp,
    cookie: &str,
    url: &str,
    events: &[&str],
) -> crate::common::Reply {
    let fields: Vec<String> = events.iter().map(|e| format!("events[{e}]")).collect();
    let mut pairs = vec![("url", url)];
    pairs.extend(fields.iter().map(|f| (f.as_str(), "on")));
    app.call("create_webhook", &form(&pairs), Some(cookie))
        .await
}

pub async fn endpoints(app: &TestApp, cookie: &str) -> Vec<WebhookRow> {
    let r = app.call("list_webhooks", "", Some(cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "list_webhooks: {}", r.body);
    r.decode()
}

pub async fn log(app: &TestApp, cookie: &str, id: &str) -> Vec<DeliveryRow> {
    let r = app
        .call(
            "list_webhook_deliveries",
            &form(&[("id", id)]),
            Some(cookie),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "list_webhook_deliveries: {}",
        r.body
    );
    r.decode()
}

/// One round of the delivery job, as the server runs it: how many were sent.
pub async fn deliver(app: &TestApp) -> usize {
    let sender = std::sync::Arc::new(Sender::new(app.services.config()).expect("a client"));
    deliver_due(&app.services, &sender, true)
        .await
        .expect("a delivery round")
}

/// Verifies a delivery as the Standard Webhooks reference libraries do: HMAC-SHA256 keyed with
/// the secret's base64 part, over `{webhook-id}.{webhook-timestamp}.{body}`, compared with each
/// `v1,` signature of the header. Whether one matches.
pub fn verifies(secret: &str, r: &Received) -> bool {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").expect("prefix"))
        .expect("base64 key");
    let signed = format!(
        "{}.{}.{}",
        r.header("webhook-id"),
        r.header("webhook-timestamp"),
        r.body
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).expect("a key");
    mac.update(signed.as_bytes());
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    r.header("webhook-signature")
        .split(' ')
        .filter_map(|s| s.strip_prefix("v1,"))
        .any(|s| s == expected)
}
