//! The API contract: server functions, one file per area, and behind `ssr` the trait ("port")
//! each area's functions call. The server crate implements the ports; a server function only reads
//! the request context, calls its port and returns.

pub mod activity;
pub mod api_tokens;
pub mod customer_users;
pub mod customers;
pub mod directory;
pub mod home;
pub mod invitations;
pub mod language;
pub mod my_partners;
pub mod notifications;
pub mod offers;
pub mod orders;
pub mod partnerships;
pub mod session;
pub mod users;
pub mod webhooks;
mod wire_error;

#[cfg(feature = "ssr")]
mod context;
#[cfg(feature = "ssr")]
pub use context::{CspNonce, Ports, RequestCtx, finish, ports_and_ctx, set_header};
