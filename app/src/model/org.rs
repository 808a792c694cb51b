//! Kinds of organization and clouds.

use serde::{Deserialize, Serialize};

/// What an organization is in the two-tier model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrgKind {
    /// Tier 1: buys from the vendor, sells through resellers.
    Provider,
    /// Tier 2: sells to customers through one or more providers.
    Reseller,
    /// A tenant that buys subscriptions.
    Customer,
    /// Runs this Tierlink instance.
    Operator,
}

impl OrgKind {
    /// The value stored in the database and sent in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::Reseller => "reseller",
            Self::Customer => "customer",
            Self::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "provider" => Some(Self::Provider),
            "reseller" => Some(Self::Reseller),
            "customer" => Some(Self::Customer),
            "operator" => Some(Self::Operator),
            _ => None,
        }
    }

    /// Partners (providers and resellers) may enroll themselves.
    pub fn parse_partner(s: &str) -> Option<Self> {
        Self::parse(s).filter(|k| k.is_partner())
    }

    pub fn is_partner(self) -> bool {
        matches!(self, Self::Provider | Self::Reseller)
    }
}

/// The cloud an organization lives in. Relationships never cross clouds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cloud {
    #[serde(rename = "public")]
    Public,
    #[serde(rename = "us-gov")]
    UsGov,
}

impl Cloud {
    pub const ALL: [Cloud; 2] = [Cloud::Public, Cloud::UsGov];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::UsGov => "us-gov",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Self::Public),
            "us-gov" => Some(Self::UsGov),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in [
            OrgKind::Provider,
            OrgKind::Reseller,
            OrgKind::Customer,
            OrgKind::Operator,
        ] {
            assert_eq!(OrgKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(OrgKind::parse_partner("customer"), None);
        assert_eq!(OrgKind::parse_partner("operator"), None);
        assert_eq!(OrgKind::parse_partner("reseller"), Some(OrgKind::Reseller));
        assert_eq!(OrgKind::parse("Provider"), None);
    }

    #[test]
    fn clouds_round_trip() {
        for c in Cloud::ALL {
            assert_eq!(Cloud::parse(c.as_str()), Some(c));
        }
        assert_eq!(Cloud::parse("gov"), None);
    }
}
