//! The organization's activity log.

use crate::model::{ActivityPage, AppError};
use leptos::prelude::*;

/// Entries per page.
pub const PAGE_SIZE: u32 = 50;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait ActivityPort: Send + Sync {
    /// Newest first; `before` is the cursor of the previous page.
    async fn page(
        &self,
        ctx: &super::RequestCtx,
        before: Option<String>,
        limit: u32,
    ) -> Result<ActivityPage, AppError>;
}

#[server(endpoint = "list_activity")]
pub async fn list_activity(before: Option<String>) -> Result<ActivityPage, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.activity.page(&ctx, before, PAGE_SIZE).await)
}
