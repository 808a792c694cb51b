//! The public directory of indirect providers (W2), and the operator's upkeep of it.

use crate::model::{AppError, OrgId, ProviderProfile};
use leptos::prelude::*;

/// A profile as the operator's form sends it.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ProfileForm {
    pub countries_served: String,
    pub website: String,
    pub contact_email: String,
    pub description: String,
    #[serde(default)]
    pub hidden: Option<String>,
    #[serde(default)]
    pub verified: Option<String>,
}

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait DirectoryPort: Send + Sync {
    /// Listed providers (the operator also sees hidden ones), by country served and name.
    async fn search(
        &self,
        ctx: &super::RequestCtx,
        country: Option<String>,
        name: Option<String>,
    ) -> Result<Vec<ProviderProfile>, AppError>;
    /// The signed-in provider's own profile.
    async fn mine(&self, ctx: &super::RequestCtx) -> Result<Option<ProviderProfile>, AppError>;
    async fn update(
        &self,
        ctx: &super::RequestCtx,
        provider: OrgId,
        form: ProfileForm,
    ) -> Result<(), AppError>;
}

#[server(endpoint = "search_directory")]
pub async fn search_directory(
    #[server(default)] country: Option<String>,
    #[server(default)] name: Option<String>,
) -> Result<Vec<ProviderProfile>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.directory.search(&ctx, country, name).await)
}

#[server(endpoint = "my_provider_profile")]
pub async fn my_provider_profile() -> Result<Option<ProviderProfile>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.directory.mine(&ctx).await)
}

#[server(endpoint = "update_provider_profile")]
pub async fn update_provider_profile(
    provider_id: OrgId,
    profile: ProfileForm,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.directory.update(&ctx, provider_id, profile).await)
}
