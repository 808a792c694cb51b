//! One file per page.

pub mod account;
pub mod activity;
pub mod agreement;
pub mod api_tokens;
pub mod customer_account;
pub mod customer_requests;
pub mod customer_users;
pub mod customers;
pub mod directory;
pub mod enroll;
pub mod home;
pub mod invitations;
pub mod invite;
pub mod new_customer;
pub mod not_found;
pub mod notifications;
pub mod offers;
pub mod partners;
pub mod providers;
pub mod resellers;
pub mod shell;
pub mod sign_in;
pub mod split;
pub mod subscriptions;
pub mod users;
mod webhook_log;
pub mod webhooks;
