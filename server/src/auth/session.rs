//! The session cookie and the middleware that turns it into an `Actor` for every request.

use crate::{db, services::Services};
use app::{
    api::RequestCtx,
    model::{Actor, Cloud, OrgKind, Role},
};
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};
use http::header::COOKIE;
use std::net::SocketAddr;

pub const COOKIE_NAME: &str = "tierlink_session";

/// A session's last-seen time is written at most this often, so that reads stay reads.
const TOUCH_EVERY_MS: i64 = 60_000;

pub fn set_cookie(token: &str, secure: bool) -> String {
    format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    )
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

/// Resolves the session (if any) and puts a `RequestCtx` into the request's extensions.
pub async fn resolve(State(services): State<Services>, mut req: Request, next: Next) -> Response {
    let client = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
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
            // The page then renders as signed out; the cause is in the log.
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    req.extensions_mut().insert(ctx);
    next.run(req).await
}

async fn load(services: &Services, hash: &str) -> Result<Option<Actor>, sqlx::Error> {
    let rows = db::sessions::find(services.pool(), hash).await?;
    let Some(first) = rows.first().cloned() else {
        return Ok(None);
    };
    let now = services.now_ms();
    let idle_ms = i64::try_from(services.config().session_idle.as_millis()).unwrap_or(i64::MAX);
    if now.saturating_sub(first.last_seen_at) > idle_ms {
        db::sessions::delete(services.pool(), hash).await?;
        return Ok(None);
    }
    if now - first.last_seen_at > TOUCH_EVERY_MS {
        db::sessions::touch(services.pool(), hash, now).await?;
    }
    let (Ok(user_id), Ok(org_id), Some(org_kind), Some(org_cloud)) = (
        first.user_id.parse(),
        first.org_id.parse(),
        OrgKind::parse(&first.org_kind),
        Cloud::parse(&first.org_cloud),
    ) else {
        tracing::error!(user = %first.user_id, "session row with malformed values");
        return Ok(None);
    };
    let mut roles: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.role.as_deref().and_then(Role::parse))
        .collect();
    roles.sort();
    Ok(Some(Actor {
        user_id,
        user_name: first.user_name,
        email: first.email,
        org_id,
        org_name: first.org_name,
        org_kind,
        org_country: first.org_country,
        org_cloud,
        org_mpn_id: first.org_mpn_id,
        roles,
        must_change_password: first.must_change_password,
        time_zone: first.time_zone,
    }))
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
    fn cookie_attributes() {
        let c = set_cookie("t", true);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && c.ends_with("; Secure"));
        assert!(!set_cookie("t", false).contains("Secure"));
        assert!(clear_cookie(false).contains("Max-Age=0"));
    }
}
