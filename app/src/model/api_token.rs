//! API tokens: an organization's machine credentials for `/api/v1` (issue 22). A Global admin
//! makes one with a name, the roles it acts with (never more than the maker holds) and an
//! expiry; the secret is shown once.

use super::{ErrorCode, Role};
use serde::{Deserialize, Serialize};

/// What every secret starts with, so that secret scanners (and people) recognise one.
pub const SECRET_PREFIX: &str = "tl_";
/// The expiry offered when none is chosen, and the longest allowed.
pub const DEFAULT_DAYS: u32 = 90;
pub const MAX_DAYS: u32 = 365;
/// A token's name: what activity entries call it ("API token «name»").
pub const NAME_MAX_CHARS: usize = 60;

/// Days until a new token expires, as typed: empty means [`DEFAULT_DAYS`].
pub fn parse_days(s: &str) -> Result<u32, ErrorCode> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(DEFAULT_DAYS);
    }
    let days: u32 = s.parse().map_err(|_| ErrorCode::NumberFormat)?;
    if (1..=MAX_DAYS).contains(&days) {
        Ok(days)
    } else {
        Err(ErrorCode::ExpiryOutOfBounds)
    }
}

/// A token's name, trimmed: 1 to [`NAME_MAX_CHARS`] characters on one line.
pub fn parse_name(s: &str) -> Result<String, ErrorCode> {
    super::validate::text(s, NAME_MAX_CHARS)
}

/// How activity entries and notifications name what a token did.
pub fn actor_name(token_name: &str) -> String {
    format!("API token «{token_name}»")
}

/// Whether a token still works, and if not, why.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenState {
    Active,
    Expired,
    Revoked,
    /// Its maker's account was deactivated: it stops with them (see `services::api_tokens`).
    Suspended,
}

/// A row of the API tokens page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenRow {
    pub id: String,
    pub name: String,
    /// The secret's first characters, as `tl_AbCd…`.
    pub hint: String,
    pub roles: Vec<Role>,
    pub created_by: String,
    pub created: String,
    pub expires: String,
    pub last_used: Option<String>,
    pub state: TokenState,
}

/// The answer to "create token": the secret is shown once and never stored in clear.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiToken {
    pub id: String,
    pub name: String,
    pub secret: String,
    pub expires: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_default_and_bounds() {
        assert_eq!(parse_days(""), Ok(DEFAULT_DAYS));
        assert_eq!(parse_days(" 30 "), Ok(30));
        assert_eq!(parse_days("365"), Ok(365));
        assert_eq!(parse_days("366"), Err(ErrorCode::ExpiryOutOfBounds));
        assert_eq!(parse_days("0"), Err(ErrorCode::ExpiryOutOfBounds));
        assert_eq!(parse_days("-1"), Err(ErrorCode::NumberFormat));
        assert_eq!(parse_days("ninety"), Err(ErrorCode::NumberFormat));
    }

    #[test]
    fn names_are_one_short_line() {
        assert_eq!(parse_name("  Nightly sync ").as_deref(), Ok("Nightly sync"));
        assert_eq!(parse_name(""), Err(ErrorCode::Required));
        assert_eq!(parse_name(&"ő".repeat(61)), Err(ErrorCode::TooLong));
        assert_eq!(actor_name("CRM"), "API token «CRM»");
    }
}
