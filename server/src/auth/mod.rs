//! Passwords and tokens: pure, no request or database in sight.

pub mod password;
pub mod token;
