//! The customer's side (W13): its partners (resellers of record and delegated admin grants), and
//! the pending requests addressed to its users.

use crate::model::{AppError, CustomerPartnerRow, OrgId, PendingRequest};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait MyPartnersPort: Send + Sync {
    async fn list(&self, ctx: &super::RequestCtx) -> Result<Vec<CustomerPartnerRow>, AppError>;
    /// Ends the partner's reseller relationship (the customer's decision).
    async fn end_relationship(
        &self,
        ctx: &super::RequestCtx,
        partner: OrgId,
    ) -> Result<(), AppError>;
    /// Takes back the partner's delegated admin permissions.
    async fn remove_grant(&self, ctx: &super::RequestCtx, partner: OrgId) -> Result<(), AppError>;
    async fn pending(&self, ctx: &super::RequestCtx) -> Result<Vec<PendingRequest>, AppError>;
    async fn decline(&self, ctx: &super::RequestCtx, id: String) -> Result<(), AppError>;
}

#[server(endpoint = "list_my_partners")]
pub async fn list_my_partners() -> Result<Vec<CustomerPartnerRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.my_partners.list(&ctx).await)
}

#[server(endpoint = "end_reseller_relationship")]
pub async fn end_reseller_relationship(partner_id: OrgId) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.my_partners.end_relationship(&ctx, partner_id).await)
}

#[server(endpoint = "remove_delegated_admin")]
pub async fn remove_delegated_admin(partner_id: OrgId) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.my_partners.remove_grant(&ctx, partner_id).await)
}

#[server(endpoint = "list_pending_requests")]
pub async fn list_pending_requests() -> Result<Vec<PendingRequest>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.my_partners.pending(&ctx).await)
}

#[server(endpoint = "decline_request")]
pub async fn decline_request(id: String) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.my_partners.decline(&ctx, id).await)
}
