//! Who calls `/api/v1`: the API token in `Authorization: Bearer tl_…`, never a browser session.
//! The token's account (its maker, who must still be active) and its roles that the maker still
//! holds become the request's actor, named after the token; the pages' rules then apply as to
//! any actor. Every call reads the token afresh, so a revocation or a deactivation takes effect
//! on the next call, on every instance.

use super::problem::Problem;
use crate::{
    auth::token,
    db,
    http::session::{TOUCH_EVERY_MS, actor_of},
    services::{
        Services,
        api_tokens::{effective_roles, state_of},
        fault,
    },
};
use app::{
    api::RequestCtx,
    model::{Actor, AppError, Role, TokenState, api_token},
};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::header::AUTHORIZATION;

/// The secret of an `Authorization: Bearer …` header, if it has the shape of one.
fn bearer(headers: &http::HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, secret) = value.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer")
        && secret.starts_with(api_token::SECRET_PREFIX)
        && secret.len() <= 128)
        .then_some(secret)
}

pub async fn authenticate(
    State(services): State<Services>,
    mut req: Request,
    next: Next,
) -> Response {
    let locale = crate::http::language::choose(None, None, req.headers());
    let refused = |err: AppError| {
        let mut p = Problem::of(&err, locale);
        if err == AppError::SignInRequired {
            p.detail = locale.strings().api.token_required.to_owned();
        }
        p.into_response()
    };
    let Some(secret) = bearer(req.headers()) else {
        return refused(AppError::SignInRequired);
    };
    let actor = match load(&services, &token::hash(secret)).await {
        Ok(Some(actor)) => actor,
        Ok(None) => return refused(AppError::SignInRequired),
        Err(e) if fault::is_unavailable(&e) => {
            tracing::error!(error = %e, "API token lookup failed: the database is unavailable");
            return refused(AppError::Unavailable);
        }
        Err(e) => {
            tracing::error!(error = %e, "API token lookup failed");
            return refused(AppError::Internal);
        }
    };
    // The client's address and cookie settings as the session middleware found them; the
    // actor is the token's, whatever cookie came along.
    let mut ctx = req
        .extensions_mut()
        .remove::<RequestCtx>()
        .unwrap_or_default();
    ctx.session_hash = None;
    ctx.locale = locale;
    ctx.actor = Some(Actor { locale, ..actor });
    req.extensions_mut().insert(ctx);
    next.run(req).await
}

/// The token's actor, if the token is live: unrevoked, unexpired, its maker active.
async fn load(services: &Services, hash: &str) -> Result<Option<Actor>, sqlx::Error> {
    let rows = db::api_tokens::find(services.pool(), hash).await?;
    let Some(first) = rows.first().cloned() else {
        return Ok(None);
    };
    let now = services.now_ms();
    let state = state_of(
        first.revoked_at.is_some(),
        first.expires_at,
        first.creator_active,
        now,
    );
    if state != TokenState::Active {
        return Ok(None);
    }
    // Housekeeping, like a session's last-seen time: a database that reads but cannot write
    // still answers the call.
    if now - first.last_used_at.unwrap_or(0) > TOUCH_EVERY_MS
        && let Err(e) = db::api_tokens::touch(services.pool(), &first.token_id, now).await
    {
        tracing::warn!(error = %e, "recording an API token's use failed");
    }
    let held: Vec<Role> = rows
        .iter()
        .filter_map(|r| r.account.role.as_deref().and_then(Role::parse))
        .collect();
    let roles = effective_roles(&first.token_roles, &held);
    let Some(actor) = actor_of(first.account, roles) else {
        return Ok(None);
    };
    Ok(Some(Actor {
        user_name: api_token::actor_name(&first.token_name),
        // A token has no password of its own to change.
        must_change_password: false,
        // Machines read UTC.
        time_zone: "UTC".to_owned(),
        api_token: Some(first.token_id),
        ..actor
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, HeaderValue};

    #[test]
    fn only_bearer_tokens_of_our_shape() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(AUTHORIZATION, HeaderValue::from_static(v));
            h
        };
        assert_eq!(bearer(&with("Bearer tl_abc")), Some("tl_abc"));
        assert_eq!(bearer(&with("bearer  tl_abc ")), Some("tl_abc"));
        assert_eq!(bearer(&with("Basic tl_abc")), None);
        assert_eq!(bearer(&with("Bearer abc")), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }
}
