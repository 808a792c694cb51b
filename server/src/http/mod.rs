//! HTTP middleware: security headers, the origin check, request logging without secrets,
//! writes detached from their client.

pub mod api_status;
pub mod assets;
pub mod body;
pub mod detach;
pub mod events;
pub mod export;
pub mod language;
pub mod origin;
pub mod preload;
pub mod security;
pub mod session;
pub mod trace;
