//! Strings of the notifications: the bell, the Notifications page, and a sentence per kind.

use super::Plural;
use crate::model::{InvitationKind, NoticeKind};

pub struct NoticeStrings {
    pub title: &'static str,
    pub lead: &'static str,
    /// The bell's accessible name with the unread count.
    pub bell: Plural,
    pub bell_none: &'static str,
    pub mark_all_read: &'static str,
    pub marked_read: &'static str,
    pub none_yet: &'static str,
    pub new_label: &'static str,
    pub by: &'static str,
    pub sent_by: &'static str,
    pub sent_by_to: &'static str,
    pub pages: &'static str,
    pub partnership_accepted: &'static str,
    pub relationship_accepted: &'static str,
    pub joint_accepted: &'static str,
    pub partnership_declined: &'static str,
    pub relationship_declined: &'static str,
    pub joint_declined: &'static str,
    pub partnership_expired: &'static str,
    pub relationship_expired: &'static str,
    pub joint_expired: &'static str,
    pub joint_accepted_as_party: &'static str,
    pub relationship_ended: &'static str,
    pub delegated_admin_removed: &'static str,
    pub partnership_removed: &'static str,
    pub order_placed: &'static str,
}

impl NoticeStrings {
    /// What happened, with `{other}` (and for an order `{customer}`) to fill.
    pub fn sentence(&self, kind: NoticeKind) -> &'static str {
        use InvitationKind::*;
        use NoticeKind::*;
        match kind {
            RequestAccepted(Partnership) => self.partnership_accepted,
            RequestAccepted(ResellerRelationship) => self.relationship_accepted,
            RequestAccepted(JointInvite) => self.joint_accepted,
            RequestDeclined(Partnership) => self.partnership_declined,
            RequestDeclined(ResellerRelationship) => self.relationship_declined,
            RequestDeclined(JointInvite) => self.joint_declined,
            RequestExpired(Partnership) => self.partnership_expired,
            RequestExpired(ResellerRelationship) => self.relationship_expired,
            RequestExpired(JointInvite) => self.joint_expired,
            JointInviteAcceptedAsParty => self.joint_accepted_as_party,
            RelationshipEndedByCustomer => self.relationship_ended,
            DelegatedAdminRemoved => self.delegated_admin_removed,
            PartnershipRemoved => self.partnership_removed,
            OrderPlaced => self.order_placed,
        }
    }
}
