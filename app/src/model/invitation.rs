//! Invitations (personalized links) and the partnerships they create.

use super::{Cloud, OrgId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationKind {
    /// Provider → reseller (W3).
    Partnership,
    /// Partner → customer (W6).
    ResellerRelationship,
    /// Reseller and provider → customer (W7).
    JointInvite,
}

impl InvitationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Partnership => "partnership",
            Self::ResellerRelationship => "reseller_relationship",
            Self::JointInvite => "joint_invite",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Partnership,
            Self::ResellerRelationship,
            Self::JointInvite,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvitationState {
    Pending,
    Accepted,
    Declined,
    Expired,
    Revoked,
}

impl InvitationState {
    pub const ALL: [InvitationState; 5] = [
        Self::Pending,
        Self::Accepted,
        Self::Declined,
        Self::Expired,
        Self::Revoked,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Declined => "declined",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The state as stored and the expiry: a pending invitation past its expiry is expired.
    pub fn from_stored(stored: &str, expires_at_ms: i64, now_ms: i64) -> Option<Self> {
        Some(match stored {
            "pending" if now_ms >= expires_at_ms => Self::Expired,
            "pending" => Self::Pending,
            "accepted" => Self::Accepted,
            "declined" => Self::Declined,
            "revoked" => Self::Revoked,
            _ => return None,
        })
    }
}

/// A draft email with the personalized link, shown right after the link is made (the link
/// itself is never stored, so it cannot be shown again later).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub invitation_id: String,
    pub link: String,
    pub to: String,
    /// The email in the sender's interface language (`locale`)…
    pub subject: String,
    pub body: String,
    pub locale: super::Locale,
    /// …and in every language of the interface, for the sender to choose the customer's.
    pub languages: Vec<DraftText>,
}

/// A draft email in one language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftText {
    pub locale: super::Locale,
    pub subject: String,
    pub body: String,
}

/// A row of the Invitations page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRow {
    pub id: String,
    pub kind: InvitationKind,
    pub state: InvitationState,
    pub recipient: String,
    pub sent_by: String,
    pub created: String,
    pub expires: String,
    /// Who accepted or declined, and when.
    pub decided: Option<String>,
    /// Sent by this organization (it may re-issue or revoke it); false for a joint invite that
    /// names this organization as the second party.
    pub mine: bool,
    /// A joint invite's parties (the reseller, then the indirect provider): each one's name and
    /// its answer (the customer answers for both at once, so they agree). Empty otherwise.
    pub parties: Vec<(String, InvitationState)>,
}

/// The Invitations page's filters as its GET form and the URL carry them (empty: all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationFilter {
    #[serde(default)]
    pub state: String,
    #[serde(default)]
    pub kind: String,
}

/// A page of the Invitations list, newest first, the cursor of the next older page, and what
/// is wrong with the filter, field by field (then no rows).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub rows: Vec<InvitationRow>,
    pub next: Option<String>,
    pub problems: Vec<super::FieldError>,
}

/// An organization as an invitation shows it to the person who opens the link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgCard {
    pub name: String,
    pub mpn_id: Option<String>,
    pub country: String,
    pub cloud: Cloud,
}

/// What the invitation page shows about a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitePreview {
    /// Unknown or malformed: a neutral page, nothing about any organization.
    NotValid,
    /// A real link that can no longer be used; `ask` is whom to ask for a new one.
    Closed {
        state: InvitationState,
        ask: String,
    },
    Open(OpenInvite),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenInvite {
    pub kind: InvitationKind,
    pub from: Vec<OrgCard>,
    /// The signed-in reader's organization already has what this asks: accepting would change
    /// nothing (the page says so at once, instead of after Accept).
    #[serde(default)]
    pub already: bool,
    pub ask_delegated_admin: bool,
    pub expires: String,
    /// The suffix of customers' primary domains (`<prefix>.<suffix>`), for creating a customer
    /// organization on the spot.
    pub tenant_suffix: String,
}

/// What the person on the other side of a link answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Accept,
    Decline,
}

/// What an answer did: with whom, for which kind of request, and whether an acceptance found
/// the relationship already there (and kept it as it was).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answered {
    pub answer: Answer,
    pub with: String,
    pub kind: InvitationKind,
    pub kept_existing: bool,
}

/// The answer to accepting or declining: with whom, and the page to go on to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub accepted: bool,
    pub with: String,
    pub next: String,
}

/// A partner on the other side of a partnership.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerRow {
    pub org_id: OrgId,
    pub name: String,
    pub mpn_id: String,
    pub country: String,
    pub since: String,
    /// Customers with an active reseller relationship to both sides.
    pub shared_customers: i64,
}

/// A provider in the public directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderProfile {
    pub org_id: OrgId,
    pub name: String,
    pub country: String,
    pub countries_served: Vec<String>,
    pub website: String,
    pub contact_email: String,
    pub description: String,
    pub hidden: bool,
    /// The operator has checked the provider; new ones are listed marked unverified.
    pub verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_past_expiry_is_expired() {
        assert_eq!(
            InvitationState::from_stored("pending", 100, 99),
            Some(InvitationState::Pending)
        );
        assert_eq!(
            InvitationState::from_stored("pending", 100, 100),
            Some(InvitationState::Expired)
        );
        assert_eq!(
            InvitationState::from_stored("accepted", 100, 200),
            Some(InvitationState::Accepted)
        );
        assert_eq!(InvitationState::from_stored("bogus", 100, 0), None);
    }

    #[test]
    fn kinds_round_trip() {
        for k in [
            InvitationKind::Partnership,
            InvitationKind::ResellerRelationship,
            InvitationKind::JointInvite,
        ] {
            assert_eq!(InvitationKind::parse(k.as_str()), Some(k));
        }
    }
}
