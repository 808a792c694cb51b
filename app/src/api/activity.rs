//! The organization's activity log.

use crate::model::{ActivityFilter, ActivityPage, AppError};
use leptos::prelude::*;

/// Entries per page.
pub const PAGE_SIZE: u32 = 50;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait ActivityPort: Send + Sync {
    /// Newest first, filtered; `before` is the cursor of the previous page. A filter field the
    /// organization does not know (a kind, a user), a malformed date or a range that ends before
    /// it starts is answered in the page's `problems`, at its field.
    async fn page(
        &self,
        ctx: &super::RequestCtx,
        filter: ActivityFilter,
        before: Option<String>,
        limit: u32,
    ) -> Result<ActivityPage, AppError>;
}

#[server(endpoint = "list_activity")]
pub async fn list_activity(
    #[server(default)] filter: ActivityFilter,
    before: Option<String>,
) -> Result<ActivityPage, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.activity.page(&ctx, filter, before, PAGE_SIZE).await)
}
