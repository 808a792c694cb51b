//! HTTP middleware: security headers, the origin check, request logging without secrets.

pub mod api_status;
pub mod origin;
pub mod security;
pub mod trace;
