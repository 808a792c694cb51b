//! The middleware that turns the session cookie into an `Actor` for every request (the API layer
//! sets and clears the cookie: `app::api::session`).

use crate::{db, services::Services};
use app::{
    api::RequestCtx,
    model::{Actor, Cloud, Locale, OrgKind, Role},
};
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use http::header::COOKIE;
use std::net::{IpAddr, SocketAddr};

use app::api::session::COOKIE_NAME;

/// A session's last-seen time is written at most this often, so that reads stay reads.
pub(crate) const TOUCH_EVERY_MS: i64 = 60_000;

/// The oldest `(last_seen_at, created_at)` a live session may have at `now`. A session ends
/// after the idle time without a request, never sooner: the stored last-seen time may be up to
/// [`TOUCH_EVERY_MS`] older than the last request, so the idle time is counted from it plus that
/// (a session ends at most a minute late, where it used to end up to a minute early). And it ends
/// `session_max` after sign-in, however active.
pub fn oldest_live(config: &crate::config::Config, now: i64) -> (i64, i64) {
    let ms = |d: std::time::Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
    (
        now.saturating_sub(ms(config.session_idle))
            .saturating_sub(TOUCH_EVERY_MS),
        now.saturating_sub(ms(config.session_max)),
    )
}

fn expired(config: &crate::config::Config, now: i64, created_at: i64, last_seen_at: i64) -> bool {
    let (seen, started) = oldest_live(config, now);
    last_seen_at < seen || created_at < started
}

/// The session token from a `Cookie` header, if any.
pub fn token_from_cookies(headers: &http::HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE_NAME)
        .map(|(_, value)| value)
        .filter(|v| !v.is_empty() && v.len() <= 128)
}

/// The client's address: the TCP peer, unless the peer is a trusted proxy, in which case the
/// right-most address in X-Forwarded-For that is not itself a trusted proxy (addresses further
/// left were written by the client and can be forged).
pub fn client_ip(
    peer: Option<IpAddr>,
    forwarded: Option<&str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let Some(list) = forwarded else {
        return Some(peer);
    };
    let mut last = peer;
    for hop in list.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => last = ip,
            Ok(ip) => return Some(ip),
            Err(_) => return Some(last),
        }
    }
    Some(last)
}

/// Resolves the session (if any) and puts a `RequestCtx` into the request's extensions.
/// Whether the session with this hash still signs its user in (without counting as activity:
/// an open page's event stream must not keep an idle session alive).
pub async fn still_live(services: &Services, hash: &str) -> bool {
    match db::sessions::find(services.pool(), hash).await {
        Ok(rows) => rows.first().is_some_and(|first| {
            !expired(
                services.config(),
                services.now_ms(),
                first.created_at,
                first.last_seen_at,
            )
        }),
        Err(_) => false,
    }
}

pub async fn resolve(State(services): State<Services>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let forwarded = req
        .headers()
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok());
    let client = client_ip(peer, forwarded, &services.config().trusted_proxies);
    let mut ctx = RequestCtx {
        client,
        secure_cookies: services.config().secure_cookies,
        ..Default::default()
    };
    if let Some(token) = token_from_cookies(req.headers()) {
        let hash = crate::auth::token::hash(token);
        match load(&services, &hash).await {
            Ok(Some(actor)) => {
                ctx.actor = Some(actor);
                ctx.session_hash = Some(hash);
            }
            Ok(None) => {}
            // The database cannot answer: the request cannot be served as the person who sent
            // it, and must not be served as a stranger ("sign in" would mislead them).
            Err(e) if crate::services::fault::is_unavailable(&e) => {
                tracing::error!(error = %e, "session lookup failed: the database is unavailable");
                let locale = super::language::choose(req.uri().query(), None, req.headers());
                return unavailable(req.uri().path(), locale);
            }
            // The page then renders as signed out; the cause is in the log.
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    ctx.locale = super::language::choose(
        req.uri().query(),
        ctx.actor.as_ref().and_then(|a| a.language),
        req.headers(),
    );
    if let Some(actor) = ctx.actor.as_mut() {
        actor.locale = ctx.locale;
    }
    req.extensions_mut().insert(ctx);
    next.run(req).await
}

/// 503, in the form the caller reads: the wire error for a server function, a short page in the
/// reader's language for anything else. Retried after half a minute.
fn unavailable(path: &str, locale: Locale) -> Response {
    use axum::response::IntoResponse;
    use http::{StatusCode, header};
    let retry = (header::RETRY_AFTER, "30");
    if path.starts_with("/api/") {
        let body = serde_json::to_string(&app::model::AppError::Unavailable).unwrap_or_default();
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            [retry, (header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response();
    }
    let message = locale.strings().error(&app::model::AppError::Unavailable);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Tierlink</title></head><body><main><h1>Tierlink</h1><p role=\"alert\">{}</p>\
         </main></body></html>",
        locale.tag(),
        html_escape(&message)
    );
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [retry, (header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn load(services: &Services, hash: &str) -> Result<Option<Actor>, sqlx::Error> {
    let rows = db::sessions::find(services.pool(), hash).await?;
    let Some(first) = rows.first().cloned() else {
        return Ok(None);
    };
    let now = services.now_ms();
    // The two writes here are housekeeping: a database that reads but cannot write now (full,
    // read-only) still serves the session's pages.
    if expired(services.config(), now, first.created_at, first.last_seen_at) {
        if let Err(e) = db::sessions::delete(services.pool(), hash).await {
            tracing::warn!(error = %e, "removing an expired session failed");
        }
        return Ok(None);
    }
    if now - first.last_seen_at > TOUCH_EVERY_MS
        && let Err(e) = db::sessions::touch(services.pool(), hash, now).await
    {
        tracing::warn!(error = %e, "recording a session's activity failed");
    }
    let mut roles: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.role.as_deref().and_then(Role::parse))
        .collect();
    roles.sort();
    Ok(actor_of(first, roles))
}

/// The actor of an account's row (its user and organization) with these roles; `None` (and a
/// line in the log) for a row with malformed values.
pub fn actor_of(row: db::sessions::SessionRow, roles: Vec<Role>) -> Option<Actor> {
    let (Some(org_kind), Some(org_cloud)) =
        (OrgKind::parse(&row.org_kind), Cloud::parse(&row.org_cloud))
    else {
        tracing::error!(user = %row.user_id, "account row with malformed values");
        return None;
    };
    Some(Actor {
        user_id: row.user_id,
        user_name: row.user_name,
        email: row.email,
        org_id: row.org_id,
        org_name: row.org_name,
        org_kind,
        org_country: row.org_country,
        org_cloud,
        org_mpn_id: row.org_mpn_id,
        org_domain: row.org_domain,
        roles,
        must_change_password: row.must_change_password,
        time_zone: row.time_zone,
        language: row.language.as_deref().and_then(Locale::from_tag),
        locale: Locale::default(),
        unread: 0,
        api_token: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut h = HeaderMap::new();
        h.append(
            COOKIE,
            HeaderValue::from_static("a=1; tierlink_session=abc; b=2"),
        );
        assert_eq!(token_from_cookies(&h), Some("abc"));
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("tierlink_session="));
        assert_eq!(token_from_cookies(&h), None);
        assert_eq!(token_from_cookies(&HeaderMap::new()), None);
    }

    #[test]
    fn client_address_behind_trusted_proxies() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let client: IpAddr = "203.0.113.7".parse().unwrap();
        let peer: IpAddr = "198.51.100.2".parse().unwrap();
        let trusted = [proxy];
        assert_eq!(
            client_ip(Some(peer), Some("1.2.3.4"), &trusted),
            Some(peer),
            "untrusted peer: header ignored"
        );
        assert_eq!(
            client_ip(Some(proxy), Some("203.0.113.7"), &trusted),
            Some(client)
        );
        assert_eq!(
            client_ip(Some(proxy), Some("6.6.6.6, 203.0.113.7"), &trusted),
            Some(client),
            "forged left part ignored"
        );
        assert_eq!(
            client_ip(Some(proxy), Some("203.0.113.7, 10.0.0.1"), &trusted),
            Some(client)
        );
        assert_eq!(
            client_ip(Some(proxy), Some("garbage"), &trusted),
            Some(proxy)
        );
        assert_eq!(client_ip(Some(proxy), None, &trusted), Some(proxy));
        assert_eq!(client_ip(None, Some("1.2.3.4"), &trusted), None);
    }
}
