//! Customers as their partners see them, and partners as their customers see them.

use super::{ErrorCode, InvitationKind, OrgCard, OrgId, OrgKind, PartnerChoice};
use serde::{Deserialize, Serialize};

/// A row of a partner's **Customers** list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub org_id: OrgId,
    pub name: String,
    pub domain: String,
    pub country: String,
    /// Since when the reseller relationship exists (a date in the reader's zone).
    pub since: String,
    /// Whether the customer granted this partner delegated admin permissions.
    pub delegated_admin: bool,
}

/// How the Customers list is sorted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CustomerSort {
    #[default]
    Newest,
    Oldest,
    Name,
}

impl CustomerSort {
    pub const ALL: [CustomerSort; 3] = [Self::Newest, Self::Oldest, Self::Name];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Name => "name",
        }
    }

    /// Unknown values fall back to the default, as a hand-edited URL may have them.
    pub fn parse(s: &str) -> Self {
        match s {
            "oldest" => Self::Oldest,
            "name" => Self::Name,
            _ => Self::Newest,
        }
    }
}

/// Rows on one page of the Customers list.
pub const CUSTOMERS_PER_PAGE: usize = 50;

/// One page of the Customers list; `next` and `prev` are cursors (a customer's id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPage {
    pub rows: Vec<CustomerRow>,
    pub next: Option<String>,
    pub prev: Option<String>,
    /// The indirect reseller the list is filtered by.
    pub reseller: Option<PartnerChoice>,
}

/// A customer's account, as its partner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerAccount {
    pub org_id: OrgId,
    pub name: String,
    pub domain: String,
    pub country: String,
    pub cloud: super::Cloud,
    pub created: String,
    pub since: String,
    /// Since when this partner holds a delegated admin grant, if it does.
    pub delegated_admin_since: Option<String>,
}

/// A partner on a customer's **Partners** page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPartnerRow {
    pub org_id: OrgId,
    pub name: String,
    pub kind: OrgKind,
    pub mpn_id: String,
    pub country: String,
    /// Reseller of record since; none when only a grant remains.
    pub relationship_since: Option<String>,
    /// Delegated admin permissions since; none when not granted.
    pub grant_since: Option<String>,
}

/// A pending request addressed to one of the customer's users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRequest {
    pub id: String,
    pub kind: InvitationKind,
    pub from: Vec<OrgCard>,
    pub ask_delegated_admin: bool,
    pub recipient: String,
    pub sent: String,
    pub expires: String,
}

/// Whether a primary domain can be had, as the customer types its prefix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCheck {
    /// The whole domain, when the prefix is well formed.
    pub domain: Option<String>,
    pub available: bool,
    /// Why not, when not.
    pub problem: Option<ErrorCode>,
}

/// The version of the Customer Agreement that acceptances record; its text is on
/// `/customer-agreement`.
pub const AGREEMENT_VERSION: &str = "2026-11";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_from_urls() {
        assert_eq!(CustomerSort::parse("name"), CustomerSort::Name);
        assert_eq!(CustomerSort::parse("bogus"), CustomerSort::Newest);
        for s in CustomerSort::ALL {
            assert_eq!(CustomerSort::parse(s.as_str()), s);
        }
    }
}
