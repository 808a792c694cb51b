//! The organization's API tokens (issue 22): list, create (the secret shown once), revoke. Only
//! a signed-in Global admin in the browser: a token never manages tokens.

use super::users::RoleChoice;
#[cfg(feature = "ssr")]
use crate::model::Role;
use crate::model::{ApiTokenRow, AppError, NewApiToken};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait ApiTokensPort: Send + Sync {
    /// Newest first, revoked and expired ones too (they say so).
    async fn list(&self, ctx: &super::RequestCtx) -> Result<Vec<ApiTokenRow>, AppError>;
    /// `days` as typed (empty: the default).
    async fn create(
        &self,
        ctx: &super::RequestCtx,
        name: String,
        roles: Vec<Role>,
        days: String,
    ) -> Result<NewApiToken, AppError>;
    async fn revoke(&self, ctx: &super::RequestCtx, id: String) -> Result<(), AppError>;
}

#[server(endpoint = "list_api_tokens")]
pub async fn list_api_tokens() -> Result<Vec<ApiTokenRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.api_tokens.list(&ctx).await)
}

#[server(endpoint = "create_api_token")]
pub async fn create_api_token(
    name: String,
    #[server(default)] roles: RoleChoice,
    #[server(default)] days: String,
) -> Result<NewApiToken, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(
        ports
            .api_tokens
            .create(&ctx, name, roles.roles(), days)
            .await,
    )
}

#[server(endpoint = "revoke_api_token")]
pub async fn revoke_api_token(id: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.api_tokens.revoke(&ctx, id).await)
}
