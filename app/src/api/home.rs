//! Home: what needs the reader's attention.

use crate::model::{AppError, HomeAttention};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait HomePort: Send + Sync {
    /// What needs the signed-in reader, as far as the reader's roles can act on it.
    async fn attention(&self, ctx: &super::RequestCtx) -> Result<HomeAttention, AppError>;
}

#[server(endpoint = "load_home")]
pub async fn load_home() -> Result<HomeAttention, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.home.attention(&ctx).await)
}
