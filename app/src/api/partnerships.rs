//! Partnerships between indirect providers and indirect resellers (W3–W5).

use crate::model::{AppError, Draft, OrgId, PartnerRow};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait PartnershipsPort: Send + Sync {
    /// Creates a pending partnership request and returns its draft email (provider side).
    async fn request(&self, ctx: &super::RequestCtx) -> Result<Draft, AppError>;
    /// The provider's partnered resellers.
    async fn resellers(&self, ctx: &super::RequestCtx) -> Result<Vec<PartnerRow>, AppError>;
    /// The reseller's partnered providers.
    async fn providers(&self, ctx: &super::RequestCtx) -> Result<Vec<PartnerRow>, AppError>;
    /// Ends the partnership with a reseller (provider side).
    async fn remove(&self, ctx: &super::RequestCtx, reseller: OrgId) -> Result<(), AppError>;
}

/// Pressing the button creates the request: a POST, so a reload or a prefetch creates nothing.
#[server(endpoint = "request_partnership")]
pub async fn request_partnership() -> Result<Draft, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.partnerships.request(&ctx).await)
}

#[server(endpoint = "list_resellers")]
pub async fn list_resellers() -> Result<Vec<PartnerRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.partnerships.resellers(&ctx).await)
}

#[server(endpoint = "list_providers")]
pub async fn list_providers() -> Result<Vec<PartnerRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.partnerships.providers(&ctx).await)
}

#[server(endpoint = "remove_partnership")]
pub async fn remove_partnership(reseller_id: OrgId) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.partnerships.remove(&ctx, reseller_id).await)
}
