//! A customer's users and licenses, managed by a partner that holds delegated admin permissions.

use crate::model::{AppError, CustomerUsersView, OrgId, SubscriptionId, TemporaryPassword, UserId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait CustomerUsersPort: Send + Sync {
    async fn view(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerUsersView, AppError>;
    async fn add(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
        name: String,
        email: String,
    ) -> Result<TemporaryPassword, AppError>;
    async fn reset_password(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
        user: UserId,
    ) -> Result<TemporaryPassword, AppError>;
    /// Assigns (`assign`) or takes back a license of the subscription.
    async fn set_license(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
        user: UserId,
        subscription: SubscriptionId,
        assign: bool,
    ) -> Result<(), AppError>;
}

#[server(endpoint = "customer_users")]
pub async fn customer_users(customer_id: OrgId) -> Result<CustomerUsersView, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.customer_users.view(&ctx, customer_id).await)
}

#[server(endpoint = "add_customer_user")]
pub async fn add_customer_user(
    customer_id: OrgId,
    name: String,
    email: String,
) -> Result<TemporaryPassword, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .customer_users
        .add(&ctx, customer_id, name, email)
        .await;
    super::finish(result)
}

#[server(endpoint = "reset_customer_password")]
pub async fn reset_customer_password(
    customer_id: OrgId,
    user_id: UserId,
) -> Result<TemporaryPassword, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .customer_users
        .reset_password(&ctx, customer_id, user_id)
        .await;
    super::finish(result)
}

#[server(endpoint = "set_customer_license")]
pub async fn set_customer_license(
    customer_id: OrgId,
    user_id: UserId,
    subscription_id: SubscriptionId,
    assign: bool,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .customer_users
        .set_license(&ctx, customer_id, user_id, subscription_id, assign)
        .await;
    super::finish(result)
}
