//! Kinds of organization, clouds, and where an organization stands for linking.

use super::ErrorCode;
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

    /// Partners in the US Government cloud always ask customers for delegated admin
    /// permissions: a request from one cannot leave them out.
    pub fn must_ask_delegated_admin(self) -> bool {
        self == Self::UsGov
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "public" => Some(Self::Public),
            "us-gov" => Some(Self::UsGov),
            _ => None,
        }
    }
}

/// Where an organization stands for the one rule every link obeys: partnerships, reseller
/// relationships and new customers stay within one region (regions are data: Europe, North
/// America, or a country of its own) and one cloud.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    pub region: String,
    pub cloud: Cloud,
}

impl Placement {
    pub fn same_region(&self, other: &Self) -> bool {
        self.region == other.region
    }

    pub fn same_cloud(&self, other: &Self) -> bool {
        self.cloud == other.cloud
    }

    /// Why two organizations cannot be linked, the cloud told first; `None` when they can.
    pub fn mismatch(&self, other: &Self) -> Option<ErrorCode> {
        if !self.same_cloud(other) {
            Some(ErrorCode::CloudMismatch)
        } else if !self.same_region(other) {
            Some(ErrorCode::RegionMismatch)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_within_one_region_and_one_cloud() {
        let at = |region: &str, cloud| Placement {
            region: region.into(),
            cloud,
        };
        let budapest = at("Europe", Cloud::Public);
        assert_eq!(budapest.mismatch(&at("Europe", Cloud::Public)), None);
        assert_eq!(
            budapest.mismatch(&at("TR", Cloud::Public)),
            Some(ErrorCode::RegionMismatch)
        );
        assert_eq!(
            budapest.mismatch(&at("TR", Cloud::UsGov)),
            Some(ErrorCode::CloudMismatch),
            "the cloud is told first"
        );
        assert!(budapest.same_region(&at("Europe", Cloud::UsGov)));
    }

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
