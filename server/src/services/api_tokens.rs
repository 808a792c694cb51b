//! API tokens (issue 22). Rules: a Global admin of a partner organization makes and revokes
//! them, in the browser only (a token never manages tokens: the API has no route to this port);
//! a token's roles are a subset of its maker's; it expires after 1 to 365 days; two live tokens
//! of an organization never share a name. A token acts with its roles *and* its maker's current
//! ones (the intersection, read on every call), and stops when its maker's account is
//! deactivated: a token never does more than some active person of the organization may, and a
//! departed admin's scripts stop with them (another Global admin makes new ones).

use super::fault::{self, OnConstraint, OrInternal};
use super::{
    Services,
    audit::{self, By},
    require, time_fmt,
};
use crate::{auth::token, db};
use app::{
    api::{RequestCtx, api_tokens::ApiTokensPort},
    model::{
        Action, ApiTokenRow, AppError, ErrorCode, FieldError, NewApiToken, Role, TokenState,
        activity::Activity,
        api_token::{self, SECRET_PREFIX},
    },
};

pub struct ApiTokens(pub Services);

const DAY_MS: i64 = 24 * 3600 * 1000;

/// The answer to a name another live token of the organization has.
const NAME_TAKEN: [fault::Answer; 1] = [(db::Unique::ApiTokenName, || {
    AppError::field("name", ErrorCode::TokenNameTaken)
})];

/// Roles as stored: their codes, comma-separated.
pub fn roles_to_text(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Stored roles back; an unknown code is dropped (it grants nothing).
pub fn roles_from_text(text: &str) -> Vec<Role> {
    let mut roles: Vec<Role> = text.split(',').filter_map(Role::parse).collect();
    roles.sort();
    roles.dedup();
    roles
}

/// Whether a token works at `now`, and if not, why: the one rule the API's check
/// (`rest::auth`) and the page's list share.
pub fn state_of(revoked: bool, expires_at: i64, maker_active: bool, now: i64) -> TokenState {
    if revoked {
        TokenState::Revoked
    } else if expires_at <= now {
        TokenState::Expired
    } else if !maker_active {
        TokenState::Suspended
    } else {
        TokenState::Active
    }
}

/// The roles a token acts with: its own (as stored) that its maker still holds.
pub fn effective_roles(token_roles: &str, held: &[Role]) -> Vec<Role> {
    roles_from_text(token_roles)
        .into_iter()
        .filter(|r| held.contains(r))
        .collect()
}

/// A new secret (`tl_` and 43 base64url characters: 256 random bits) and its stored hash.
pub fn new_secret() -> Result<token::NewToken, AppError> {
    let t = token::new_token().or_internal("making an API token")?;
    let secret = format!("{SECRET_PREFIX}{}", t.token);
    Ok(token::NewToken {
        hash: token::hash(&secret),
        token: secret,
    })
}

/// The first characters of a secret, shown to recognise it.
fn hint_of(secret: &str) -> String {
    secret.chars().take(SECRET_PREFIX.len() + 4).collect()
}

#[async_trait::async_trait]
impl ApiTokensPort for ApiTokens {
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<ApiTokenRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageApiTokens)?;
        let svc = &self.0;
        let now = svc.now_ms();
        let fmt = time_fmt::Viewer::of(actor);
        let rows = db::api_tokens::list(svc.pool(), actor.org_id)
            .await
            .or_internal("listing API tokens")?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let state = state_of(r.revoked_at.is_some(), r.expires_at, r.creator_active, now);
                ApiTokenRow {
                    hint: format!("{}…", r.hint),
                    roles: roles_from_text(&r.roles),
                    created_by: r.created_by_name,
                    created: fmt.date_time(r.created_at),
                    expires: fmt.date(r.expires_at),
                    last_used: r.last_used_at.map(|at| fmt.date_time(at)),
                    state,
                    id: r.id,
                    name: r.name,
                }
            })
            .collect())
    }

    async fn create(
        &self,
        ctx: &RequestCtx,
        name: String,
        mut roles: Vec<Role>,
        days: String,
    ) -> Result<NewApiToken, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageApiTokens)?;
        roles.sort();
        roles.dedup();
        let mut errors = Vec::new();
        let name = FieldError::collect(&mut errors, "name", api_token::parse_name(&name));
        let days = FieldError::collect(&mut errors, "days", api_token::parse_days(&days));
        if roles.is_empty() {
            errors.push(FieldError::new("roles", ErrorCode::NoRoleChosen));
        } else if !roles.iter().all(|r| actor.has(*r)) {
            errors.push(FieldError::new("roles", ErrorCode::RoleNotHeld));
        }
        AppError::from_fields(errors)?;
        let (Some(name), Some(days)) = (name, days) else {
            return Err(AppError::Internal);
        };
        let svc = &self.0;
        let now = svc.now_ms();
        let expires_at = now.saturating_add(i64::from(days) * DAY_MS);
        let secret = new_secret()?;
        let id = super::new_id();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to create an API token")?;
        db::api_tokens::insert(
            &mut tx,
            &db::api_tokens::NewToken {
                id: &id,
                organization_id: actor.org_id,
                name: &name,
                secret_hash: &secret.hash,
                hint: &hint_of(&secret.token),
                roles: &roles_to_text(&roles),
                created_by: actor.user_id,
                created_at: now,
                expires_at,
            },
        )
        .await
        .on_constraint(&NAME_TAKEN, "inserting an API token")?;
        let by = By {
            user_id: Some(actor.user_id),
            name: &actor.user_name,
        };
        audit::record(
            &mut tx,
            actor.org_id,
            &by,
            Activity::ApiTokenCreated,
            &name,
            now,
        )
        .await
        .or_internal("recording a new API token")?;
        tx.commit().await.or_internal("committing an API token")?;
        Ok(NewApiToken {
            id,
            name,
            secret: secret.token,
            expires: time_fmt::Viewer::of(actor).date(expires_at),
        })
    }

    async fn revoke(&self, ctx: &RequestCtx, id: String) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageApiTokens)?;
        let svc = &self.0;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to revoke an API token")?;
        let Some(name) = db::api_tokens::revoke(&mut tx, actor.org_id, &id, now)
            .await
            .or_internal("revoking an API token")?
        else {
            return Err(AppError::NotFound);
        };
        audit::by_actor(
            &mut tx,
            actor.org_id,
            actor,
            Activity::ApiTokenRevoked,
            &name,
            now,
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing an API token's revocation")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_text() {
        let roles = vec![Role::GlobalAdmin, Role::SalesAgent];
        assert_eq!(roles_from_text(&roles_to_text(&roles)), roles);
        assert_eq!(
            roles_from_text("sales_agent,bogus,sales_agent"),
            vec![Role::SalesAgent]
        );
        assert!(roles_from_text("").is_empty());
    }

    #[test]
    fn a_token_works_only_unrevoked_unexpired_and_with_an_active_maker() {
        assert_eq!(state_of(false, 10, true, 9), TokenState::Active);
        assert_eq!(state_of(false, 10, true, 10), TokenState::Expired);
        assert_eq!(state_of(true, 10, true, 9), TokenState::Revoked);
        assert_eq!(state_of(false, 10, false, 9), TokenState::Suspended);
        assert_eq!(
            effective_roles("global_admin,sales_agent", &[Role::SalesAgent]),
            vec![Role::SalesAgent]
        );
    }

    #[test]
    fn secrets_are_prefixed_and_hinted() {
        let s = new_secret().unwrap();
        assert!(s.token.starts_with("tl_"));
        assert_eq!(s.token.len(), 46);
        assert_eq!(s.hash, token::hash(&s.token));
        assert_eq!(hint_of(&s.token).len(), 7);
    }
}
