//! Passwords, tokens and sessions.

pub mod password;
pub mod session;
pub mod token;
