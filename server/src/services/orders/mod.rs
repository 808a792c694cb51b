//! Orders and subscriptions (W10–W12). Rules: providers place orders (PlaceOrders) for customers
//! they have a reseller relationship with; the New customer wizard writes the customer, its admin,
//! its links and its order in one transaction, once per request key; license counts stay within
//! the offer's bounds and never below the licenses assigned; only the provider that sold a
//! subscription sets its Reseller (MPN ID) (a reseller partnered with it) and its Designated
//! support contact (itself or such a reseller).
//!
//! The port is answered here, one line per call; each concept has its file.

mod access;
mod details;
mod order;
mod record;
mod rows;
mod subscription;
mod wizard;

pub use access::{Access, access};
pub use rows::{customer_users, offer, subscription_row};

use super::fault::{self, OnConstraint};
use super::{
    Services, audit, fault::OrInternal, new_id, new_uuid, notices, require, time_fmt, webhooks,
};
use crate::db;
use crate::db::Unique;
use app::model::activity::Activity;
use app::model::{EventType, NoticeKind};
use app::{
    api::{RequestCtx, orders::OrdersPort},
    model::{
        Action, Actor, AppError, BillingTerm, CountryCode, CustomerDetails, CustomerRecordView,
        CustomerSubscriptions, CustomerUser, DomainCheck, DomainPrefix, Email, ErrorCode,
        FieldError, LegalName, MpnId, NewCustomerDone, NewCustomerForm, NewSubscriptionForm, Offer,
        OrderLine, OrgId, OrgKind, PartnerChoice, PersonName, ResellerCheck, SubscriptionDetail,
        SubscriptionId, SubscriptionRow, SubscriptionStatus, UserId, order::parse_licenses,
    },
};
use details::partnered_reseller;
use order::checked_key;
use rows::{available_offers, choice, resellers};
use std::collections::{HashMap, HashSet};

pub struct Orders(pub Services);

impl Orders {
    fn svc(&self) -> &Services {
        &self.0
    }
}

#[async_trait::async_trait]
impl OrdersPort for Orders {
    async fn new_customer_form(&self, ctx: &RequestCtx) -> Result<NewCustomerForm, AppError> {
        wizard::form(self.svc(), ctx).await
    }

    async fn reseller_choices(&self, ctx: &RequestCtx) -> Result<Vec<PartnerChoice>, AppError> {
        wizard::reseller_choices(self.svc(), ctx).await
    }

    async fn check_domain(
        &self,
        ctx: &RequestCtx,
        prefix: String,
    ) -> Result<DomainCheck, AppError> {
        wizard::check_domain(self.svc(), ctx, prefix).await
    }

    async fn check_details(
        &self,
        ctx: &RequestCtx,
        details: CustomerDetails,
    ) -> Result<(), AppError> {
        wizard::check_details(self.svc(), ctx, details).await
    }

    async fn place_new_customer(
        &self,
        ctx: &RequestCtx,
        request_key: String,
        reseller: Option<OrgId>,
        details: CustomerDetails,
        lines: Vec<OrderLine>,
    ) -> Result<NewCustomerDone, AppError> {
        wizard::place(self.svc(), ctx, request_key, reseller, details, lines).await
    }

    async fn record(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerRecordView, AppError> {
        record::record(self.svc(), ctx, customer).await
    }

    async fn subscriptions(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerSubscriptions, AppError> {
        record::subscriptions(self.svc(), ctx, customer).await
    }

    async fn new_subscription_form(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<NewSubscriptionForm, AppError> {
        subscription::new_form(self.svc(), ctx, customer).await
    }

    async fn add_subscriptions(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        request_key: String,
        lines: Vec<OrderLine>,
        reseller: Option<OrgId>,
    ) -> Result<Vec<SubscriptionId>, AppError> {
        subscription::add(self.svc(), ctx, customer, request_key, lines, reseller).await
    }

    async fn subscription(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        subscription: SubscriptionId,
    ) -> Result<SubscriptionDetail, AppError> {
        subscription::detail(self.svc(), ctx, customer, subscription).await
    }

    async fn check_reseller(
        &self,
        ctx: &RequestCtx,
        mpn_id: String,
    ) -> Result<ResellerCheck, AppError> {
        subscription::check_reseller(self.svc(), ctx, mpn_id).await
    }

    async fn set_partners(
        &self,
        ctx: &RequestCtx,
        subscription: SubscriptionId,
        reseller_mpn_id: String,
        support_contact: String,
        expected: Option<String>,
    ) -> Result<(), AppError> {
        subscription::set_partners(
            self.svc(),
            ctx,
            subscription,
            reseller_mpn_id,
            support_contact,
            expected,
        )
        .await
    }

    async fn set_licenses(
        &self,
        ctx: &RequestCtx,
        subscription: SubscriptionId,
        licenses: String,
        expected: Option<String>,
    ) -> Result<(), AppError> {
        subscription::set_licenses(self.svc(), ctx, subscription, licenses, expected).await
    }
}
