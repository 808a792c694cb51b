//! Customers as their partners see them, and partners as their customers see them.

use super::{ErrorCode, InvitationKind, OrgCard, OrgId, OrgKind};
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
