//! Activity log entries as pages show them.

use serde::{Deserialize, Serialize};

/// One entry; `at` is already rendered in the viewer's time zone by the server, so that the
/// server-rendered page and the hydrated one show the same text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub id: String,
    pub at: String,
    pub actor: String,
    /// A stable code such as `user.added`; pages translate it.
    pub action: String,
    pub subject: String,
}

/// A page of entries, newest first, and the cursor of the next older page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    pub next: Option<String>,
}

/// Every activity code the server writes; each has a phrase in every language.
pub const CODES: &[&str] = &[
    "organization.enrolled",
    "operator.created",
    "session.signed_in",
    "session.signed_out",
    "user.added",
    "user.roles_changed",
    "user.deactivated",
    "user.reactivated",
    "user.password_changed",
    "user.time_zone_changed",
    "partnership.requested",
    "partnership.accepted",
    "partnership.declined",
    "partnership.removed",
    "invitation.reissued",
    "invitation.revoked",
    "directory.profile_updated",
    "relationship.requested",
    "joint_invite.requested",
    "relationship.accepted",
    "relationship.declined",
    "relationship.removed",
    "relationship.ended_by_customer",
    "delegated_admin.granted",
    "delegated_admin.removed",
    "customer_agreement.accepted",
    "customer.created",
    "relationship.created",
    "subscription.added",
    "subscription.reseller_set",
    "subscription.support_contact_set",
    "subscription.licenses_changed",
    "customer_user.added",
    "customer_user.password_reset",
    "license.assigned",
    "license.unassigned",
    "offer.added",
    "offer.changed",
];
