//! A partner's customers (W6, W7, W9 and the first Customers list): requesting a reseller
//! relationship, the joint invite with a provider, the list, a customer's account and removing the
//! relationship; and the domain check of the customer who creates its organization from a link.

use crate::model::{AppError, CustomerAccount, CustomerPage, DomainCheck, Draft, OrgId};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait CustomersPort: Send + Sync {
    /// Creates a pending reseller relationship request and returns its draft email.
    async fn request_relationship(
        &self,
        ctx: &super::RequestCtx,
        ask_delegated_admin: bool,
    ) -> Result<Draft, AppError>;
    /// A reseller invites a new customer jointly with one of its providers.
    async fn invite_with_provider(
        &self,
        ctx: &super::RequestCtx,
        provider: OrgId,
        ask_delegated_admin: bool,
    ) -> Result<Draft, AppError>;
    /// One page of the customers with an active reseller relationship.
    async fn list(
        &self,
        ctx: &super::RequestCtx,
        query: CustomerQuery,
    ) -> Result<CustomerPage, AppError>;
    async fn account(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerAccount, AppError>;
    /// Ends this partner's reseller relationship; any delegated admin grant stays.
    async fn remove(&self, ctx: &super::RequestCtx, customer: OrgId) -> Result<(), AppError>;
    /// Whether `prefix` makes a well-formed, free primary domain; only for a link's holder.
    async fn check_domain(
        &self,
        ctx: &super::RequestCtx,
        token: String,
        prefix: String,
    ) -> Result<DomainCheck, AppError>;
}

/// `ask_delegated_admin` is the checkbox (sent as `on`); partners in the US Government cloud
/// always ask.
#[server(endpoint = "request_relationship")]
pub async fn request_relationship(
    #[server(default)] ask_delegated_admin: Option<String>,
) -> Result<Draft, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .customers
        .request_relationship(&ctx, ask_delegated_admin.is_some())
        .await;
    super::finish(result)
}

#[server(endpoint = "invite_new_customers")]
pub async fn invite_new_customers(
    provider_id: OrgId,
    #[server(default)] ask_delegated_admin: Option<String>,
) -> Result<Draft, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .customers
        .invite_with_provider(&ctx, provider_id, ask_delegated_admin.is_some())
        .await;
    super::finish(result)
}

/// What the Customers list's URL asks for; every part may be empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CustomerQuery {
    /// A part of the name or of the domain.
    pub search: String,
    /// An indirect reseller's MPN ID (or its exact name): only customers associated with it.
    pub reseller: String,
    /// `newest`, `oldest` or `name`.
    pub sort: String,
    /// The page after this customer's row ...
    pub after: String,
    /// ... or the page before it.
    pub before: String,
}

#[server(endpoint = "list_customers")]
pub async fn list_customers(
    #[server(default)] search: String,
    #[server(default)] reseller: String,
    #[server(default)] sort: String,
    #[server(default)] after: String,
    #[server(default)] before: String,
) -> Result<CustomerPage, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let query = CustomerQuery {
        search,
        reseller,
        sort,
        after,
        before,
    };
    super::finish(ports.customers.list(&ctx, query).await)
}

#[server(endpoint = "customer_account")]
pub async fn get_customer_account(customer_id: OrgId) -> Result<CustomerAccount, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.customers.account(&ctx, customer_id).await)
}

#[server(endpoint = "remove_customer_relationship")]
pub async fn remove_customer_relationship(customer_id: OrgId) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.customers.remove(&ctx, customer_id).await)
}

#[server(endpoint = "check_domain")]
pub async fn check_domain(token: String, prefix: String) -> Result<DomainCheck, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.customers.check_domain(&ctx, token, prefix).await)
}
