//! Notifications: the page, the bell's count, and marking them read.

use crate::model::{AppError, NoticePage};
use leptos::prelude::*;

/// Notifications per page.
pub const PAGE_SIZE: u32 = 30;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait NotificationsPort: Send + Sync {
    /// Newest first; `before` is the cursor of the previous page. Opening the first page marks
    /// everything up to now as read for this user (the page still shows which were new).
    async fn page(
        &self,
        ctx: &super::RequestCtx,
        before: Option<String>,
        limit: u32,
    ) -> Result<NoticePage, AppError>;

    /// How many this user has not seen, up to [`crate::model::notification::UNREAD_CAP`]; none
    /// for a visitor who is not signed in (or still owes a password change).
    async fn unread(&self, ctx: &super::RequestCtx) -> Result<u32, AppError>;

    /// Marks every notification so far as read for this user.
    async fn mark_all_read(&self, ctx: &super::RequestCtx) -> Result<(), AppError>;
}

#[server(endpoint = "list_notifications")]
pub async fn list_notifications(before: Option<String>) -> Result<NoticePage, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.notifications.page(&ctx, before, PAGE_SIZE).await)
}

#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<u32, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.notifications.unread(&ctx).await)
}

#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.notifications.mark_all_read(&ctx).await)
}
