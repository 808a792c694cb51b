//! Plain data both sides share: ids, organizations, users, roles, activity, validated inputs and
//! the one error type that crosses the wire.

pub mod activity;
pub mod api_token;
pub mod countries;
pub mod customer;
pub mod error;
pub mod fold;
pub mod home;
pub mod ids;
pub mod invitation;
pub mod locale;
pub mod notification;
pub mod order;
pub mod org;
pub mod policy;
pub mod user;
pub mod validate;
pub mod webhook;

pub use activity::{ActivityEntry, ActivityFilter, ActivityPage};
pub use api_token::{ApiTokenRow, NewApiToken, TokenState};
pub use customer::{
    CustomerAccount, CustomerPage, CustomerPartnerRow, CustomerRow, CustomerSort, DomainCheck,
    PendingRequest,
};
pub use error::{AppError, ErrorCode, FieldError};
pub use home::{HomeAttention, NamedCustomer, NextStep};
pub use ids::{OfferId, OrgId, SubscriptionId, UserId};
pub use invitation::{
    Answer, Answered, Decision, Draft, DraftText, InvitationFilter, InvitationKind, InvitationPage,
    InvitationRow, InvitationState, InvitePreview, OpenInvite, OrgCard, PartnerRow,
    ProviderProfile,
};
pub use locale::Locale;
pub use notification::{Notice, NoticeKind, NoticePage};
pub use order::{
    BillingTerm, CustomerDetails, CustomerRecordView, CustomerSubscriptions, CustomerUser,
    CustomerUsersView, NewCustomerDone, NewCustomerForm, NewSubscriptionForm, Offer, OrderLine,
    PartnerChoice, ResellerCheck, SubscriptionDetail, SubscriptionRow, SubscriptionStatus,
    TemporaryPassword,
};
pub use org::{Cloud, OrgKind, Placement};
pub use policy::Action;
pub use user::{Actor, NewUser, Role, UserRow};
pub use validate::{
    CountryCode, DomainPrefix, Email, LegalName, MpnId, Password, PersonName, TimeZoneName,
};
pub use webhook::{
    AttemptFailure, DeliveryRow, DeliveryState, EventChoice, EventType, WebhookRow, WebhookSecret,
};
