//! Notifications: what happened to an organization without its own action (a request it sent was
//! answered or expired, a customer ended a link, a provider removed a partnership or placed an
//! order). Stored as a kind and names, never as a sentence, so each reader sees them in their
//! own language; who sees which kind follows the role table ([`NoticeKind::audience`]).

use super::{InvitationKind, OrgId, Role};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NoticeKind {
    /// A request the organization sent was accepted (partnership, relationship, joint invite).
    RequestAccepted(InvitationKind),
    RequestDeclined(InvitationKind),
    /// Nobody answered before the link expired (noticed by the server's job).
    RequestExpired(InvitationKind),
    /// The customer accepted a joint invite a reseller sent naming this provider.
    JointInviteAcceptedAsParty,
    /// A customer ended its reseller relationship with this partner (W13).
    RelationshipEndedByCustomer,
    /// A customer removed this partner's delegated admin grant (W13).
    DelegatedAdminRemoved,
    /// A provider removed its partnership with this reseller.
    PartnershipRemoved,
    /// A provider placed an order for a customer this reseller is associated with.
    OrderPlaced,
}

impl NoticeKind {
    /// Every kind, in a stable order.
    pub const ALL: [NoticeKind; 14] = {
        use InvitationKind::*;
        use NoticeKind::*;
        [
            RequestAccepted(Partnership),
            RequestAccepted(ResellerRelationship),
            RequestAccepted(JointInvite),
            RequestDeclined(Partnership),
            RequestDeclined(ResellerRelationship),
            RequestDeclined(JointInvite),
            RequestExpired(Partnership),
            RequestExpired(ResellerRelationship),
            RequestExpired(JointInvite),
            JointInviteAcceptedAsParty,
            RelationshipEndedByCustomer,
            DelegatedAdminRemoved,
            PartnershipRemoved,
            OrderPlaced,
        ]
    };

    /// The stable code stored with a notification.
    pub fn code(self) -> &'static str {
        use InvitationKind::*;
        use NoticeKind::*;
        match self {
            RequestAccepted(Partnership) => "partnership.accepted",
            RequestAccepted(ResellerRelationship) => "relationship.accepted",
            RequestAccepted(JointInvite) => "joint_invite.accepted",
            RequestDeclined(Partnership) => "partnership.declined",
            RequestDeclined(ResellerRelationship) => "relationship.declined",
            RequestDeclined(JointInvite) => "joint_invite.declined",
            RequestExpired(Partnership) => "partnership.expired",
            RequestExpired(ResellerRelationship) => "relationship.expired",
            RequestExpired(JointInvite) => "joint_invite.expired",
            JointInviteAcceptedAsParty => "joint_invite.accepted_as_party",
            RelationshipEndedByCustomer => "relationship.ended_by_customer",
            DelegatedAdminRemoved => "delegated_admin.removed",
            PartnershipRemoved => "partnership.removed",
            OrderPlaced => "order.placed",
        }
    }

    pub fn from_code(code: &str) -> Option<NoticeKind> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The roles that see this kind (the role table's rows for requests and for orders; the
    /// receiving organization's kind is settled by who is told). Requests' answers and orders go
    /// to those who send requests and place orders; changes of a relationship to everyone.
    pub fn audience(self) -> &'static [Role] {
        use NoticeKind::*;
        const SENDERS: &[Role] = &[Role::GlobalAdmin, Role::AdminAgent, Role::SalesAgent];
        match self {
            RequestAccepted(_) | RequestDeclined(_) | RequestExpired(_) => SENDERS,
            JointInviteAcceptedAsParty | OrderPlaced => SENDERS,
            RelationshipEndedByCustomer | DelegatedAdminRemoved | PartnershipRemoved => &Role::ALL,
        }
    }

    /// The kinds a user holding `roles` sees.
    pub fn visible_to(roles: &[Role]) -> Vec<NoticeKind> {
        Self::ALL
            .into_iter()
            .filter(|k| k.audience().iter().any(|r| roles.contains(r)))
            .collect()
    }
}

/// One notification as a page shows it; `at` is rendered in the reader's time zone by the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub seq: i64,
    pub kind: NoticeKind,
    /// Who did it (a person's name; empty for the server's own notices, such as an expiry).
    pub actor: String,
    /// The other organization.
    pub other: String,
    pub other_id: Option<OrgId>,
    /// The customer it concerns, when it is not `other` (an order placed by a provider).
    pub customer: Option<String>,
    pub customer_id: Option<OrgId>,
    pub at: String,
    /// Not seen by this reader before this page was opened.
    pub unread: bool,
}

/// A page of notifications, newest first, and the cursor of the next older page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticePage {
    pub notices: Vec<Notice>,
    pub next: Option<String>,
}

/// Unread counts stop here; the bell shows "9+". (The count is on every signed-in page: it reads
/// at most this many index entries. At 100 it cost a page ~8% more instructions.)
pub const UNREAD_CAP: u32 = 10;

/// The bell's text for a count.
pub fn unread_badge(n: u32) -> String {
    if n >= UNREAD_CAP {
        format!("{}+", UNREAD_CAP - 1)
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        let mut codes: Vec<&str> = NoticeKind::ALL.iter().map(|k| k.code()).collect();
        for k in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_code(k.code()), Some(k));
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), NoticeKind::ALL.len());
        assert_eq!(NoticeKind::from_code("nonsense"), None);
    }

    #[test]
    fn badge_caps() {
        assert_eq!(unread_badge(0), "0");
        assert_eq!(unread_badge(7), "7");
        assert_eq!(unread_badge(9), "9");
        assert_eq!(unread_badge(10), "9+");
    }
}
