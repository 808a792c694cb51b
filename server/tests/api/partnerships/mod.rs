//! Partnerships and the invitation engine: link lifecycle, single use under concurrency, the
//! rules of who partners with whom, and the public directory of providers.

mod directory;
mod links;
mod rules;

use crate::common::{Reply, TestApp, token_of};
use app::model::Draft;
use http::StatusCode;

/// A provider's partnership request: the draft email with its link.
async fn request(app: &TestApp, provider: &str) -> Draft {
    let r = app.call("request_partnership", "", Some(provider)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.decode()
}

/// A provider's new partnership request: its link's token.
async fn new_link(app: &TestApp, provider: &str) -> String {
    token_of(&request(app, provider).await.link)
}

/// Accepts (with the authorization box ticked) or declines a link.
async fn respond(app: &TestApp, cookie: &str, token: &str, accept: bool) -> Reply {
    app.answer(cookie, token, accept, accept).await
}
