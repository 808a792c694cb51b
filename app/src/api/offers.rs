//! The operator's offer catalog.

use crate::model::{AppError, Offer, OfferId};
use leptos::prelude::*;

/// An offer as the operator's form sends it; the server validates every field.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct OfferForm {
    /// Empty for a new offer.
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub description: String,
    pub billing_term: String,
    pub min_licenses: String,
    pub max_licenses: String,
    /// The "Offered for new orders" checkbox (`on` when ticked).
    #[serde(default)]
    pub available: Option<String>,
}

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait OffersPort: Send + Sync {
    /// Every offer, withdrawn ones too (the operator).
    async fn list(&self, ctx: &super::RequestCtx) -> Result<Vec<Offer>, AppError>;
    /// Adds an offer, or changes the one named by `form.id`.
    async fn save(&self, ctx: &super::RequestCtx, form: OfferForm) -> Result<OfferId, AppError>;
}

#[server(endpoint = "list_offers")]
pub async fn list_offers() -> Result<Vec<Offer>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.offers.list(&ctx).await)
}

#[server(endpoint = "save_offer")]
pub async fn save_offer(form: OfferForm) -> Result<OfferId, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.offers.save(&ctx, form).await)
}
