//! Orders and subscriptions (W10–W12): the New customer wizard, a customer's record and
//! subscriptions, New subscription, and a subscription's details.

use crate::model::{
    AppError, CustomerDetails, CustomerRecordView, CustomerSubscriptions, DomainCheck,
    NewCustomerDone, NewCustomerForm, NewSubscriptionForm, OrderLine, OrgId, PartnerChoice,
    ResellerCheck, SubscriptionDetail, SubscriptionId,
};
use leptos::{prelude::*, server_fn::codec::Json};

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait OrdersPort: Send + Sync {
    async fn new_customer_form(&self, ctx: &super::RequestCtx)
    -> Result<NewCustomerForm, AppError>;
    /// The provider's partnered resellers, for choosing one.
    async fn reseller_choices(
        &self,
        ctx: &super::RequestCtx,
    ) -> Result<Vec<PartnerChoice>, AppError>;
    /// Whether a primary domain prefix is free, as a provider types it.
    async fn check_domain(
        &self,
        ctx: &super::RequestCtx,
        prefix: String,
    ) -> Result<DomainCheck, AppError>;
    /// Validates the customer details step; field errors name the fields.
    async fn check_details(
        &self,
        ctx: &super::RequestCtx,
        details: CustomerDetails,
    ) -> Result<(), AppError>;
    /// Creates the customer, its admin, its links and its order, in one transaction.
    async fn place_new_customer(
        &self,
        ctx: &super::RequestCtx,
        request_key: String,
        reseller: Option<OrgId>,
        details: CustomerDetails,
        lines: Vec<OrderLine>,
    ) -> Result<NewCustomerDone, AppError>;
    async fn record(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerRecordView, AppError>;
    async fn subscriptions(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerSubscriptions, AppError>;
    async fn new_subscription_form(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
    ) -> Result<NewSubscriptionForm, AppError>;
    async fn add_subscriptions(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
        request_key: String,
        lines: Vec<OrderLine>,
        reseller: Option<OrgId>,
    ) -> Result<Vec<SubscriptionId>, AppError>;
    async fn subscription(
        &self,
        ctx: &super::RequestCtx,
        customer: OrgId,
        subscription: SubscriptionId,
    ) -> Result<SubscriptionDetail, AppError>;
    async fn check_reseller(
        &self,
        ctx: &super::RequestCtx,
        mpn_id: String,
    ) -> Result<ResellerCheck, AppError>;
    /// Sets Reseller (MPN ID) (empty clears it) and Designated support contact. With
    /// `expected` (a [`SubscriptionDetail::version`]), refuses with `VersionMismatch` when the
    /// subscription changed since that version was read.
    async fn set_partners(
        &self,
        ctx: &super::RequestCtx,
        subscription: SubscriptionId,
        reseller_mpn_id: String,
        support_contact: String,
        expected: Option<String>,
    ) -> Result<(), AppError>;
    async fn set_licenses(
        &self,
        ctx: &super::RequestCtx,
        subscription: SubscriptionId,
        licenses: String,
        expected: Option<String>,
    ) -> Result<(), AppError>;
}

#[server(endpoint = "new_customer_form")]
pub async fn get_new_customer_form() -> Result<NewCustomerForm, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.new_customer_form(&ctx).await)
}

#[server(endpoint = "reseller_choices")]
pub async fn reseller_choices() -> Result<Vec<PartnerChoice>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.reseller_choices(&ctx).await)
}

#[server(endpoint = "check_new_domain")]
pub async fn check_new_domain(prefix: String) -> Result<DomainCheck, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.check_domain(&ctx, prefix).await)
}

#[server(endpoint = "check_customer_details", input = Json)]
pub async fn check_customer_details(details: CustomerDetails) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.check_details(&ctx, details).await)
}

#[server(endpoint = "place_new_customer", input = Json)]
pub async fn place_new_customer(
    request_key: String,
    reseller_id: Option<OrgId>,
    details: CustomerDetails,
    lines: Vec<OrderLine>,
) -> Result<NewCustomerDone, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .orders
        .place_new_customer(&ctx, request_key, reseller_id, details, lines)
        .await;
    super::finish(result)
}

#[server(endpoint = "customer_record")]
pub async fn customer_record(customer_id: OrgId) -> Result<CustomerRecordView, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.record(&ctx, customer_id).await)
}

#[server(endpoint = "customer_subscriptions")]
pub async fn get_customer_subscriptions(
    customer_id: OrgId,
) -> Result<CustomerSubscriptions, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.subscriptions(&ctx, customer_id).await)
}

#[server(endpoint = "new_subscription_form")]
pub async fn get_new_subscription_form(
    customer_id: OrgId,
) -> Result<NewSubscriptionForm, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.new_subscription_form(&ctx, customer_id).await)
}

#[server(endpoint = "add_subscriptions", input = Json)]
pub async fn add_subscriptions(
    customer_id: OrgId,
    request_key: String,
    lines: Vec<OrderLine>,
    reseller_id: Option<OrgId>,
) -> Result<Vec<SubscriptionId>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .orders
        .add_subscriptions(&ctx, customer_id, request_key, lines, reseller_id)
        .await;
    super::finish(result)
}

#[server(endpoint = "subscription_detail")]
pub async fn get_subscription_detail(
    customer_id: OrgId,
    subscription_id: SubscriptionId,
) -> Result<SubscriptionDetail, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .orders
        .subscription(&ctx, customer_id, subscription_id)
        .await;
    super::finish(result)
}

#[server(endpoint = "check_reseller_mpn")]
pub async fn check_reseller_mpn(mpn_id: String) -> Result<ResellerCheck, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.orders.check_reseller(&ctx, mpn_id).await)
}

#[server(endpoint = "set_subscription_partners")]
pub async fn set_subscription_partners(
    subscription_id: SubscriptionId,
    #[server(default)] reseller_mpn_id: String,
    support_contact: String,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let result = ports
        .orders
        .set_partners(
            &ctx,
            subscription_id,
            reseller_mpn_id,
            support_contact,
            None,
        )
        .await;
    super::finish(result)
}

#[server(endpoint = "set_subscription_licenses")]
pub async fn set_subscription_licenses(
    subscription_id: SubscriptionId,
    licenses: String,
    #[server(default)] version: Option<String>,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    let version = version.filter(|v| !v.is_empty());
    let result = ports
        .orders
        .set_licenses(&ctx, subscription_id, licenses, version)
        .await;
    super::finish(result)
}
