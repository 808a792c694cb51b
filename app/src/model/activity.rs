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

/// A page of entries, newest first, the cursor of the next older page, the organization's users
/// (the filter's choices), and what is wrong with the filter, field by field (then no entries:
/// the form shows the problems where they are, and keeps every choice).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityPage {
    pub entries: Vec<ActivityEntry>,
    pub next: Option<String>,
    pub users: Vec<(super::UserId, String)>,
    pub problems: Vec<super::FieldError>,
}

/// The activity log's filters as the page's GET form and the URL carry them; empty fields do
/// not filter. `kind` is an activity code, `user` a user's id, `other` another organization's
/// legal name or MPN ID, `from` and `to` dates (`2026-12-04`, both days included) in the
/// reader's time zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityFilter {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub user: String,
    #[serde(default)]
    pub other: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

impl ActivityFilter {
    pub const FIELDS: [&'static str; 5] = ["kind", "user", "other", "from", "to"];

    /// The field's value by its name in the URL.
    pub fn get(&self, field: &str) -> &str {
        match field {
            "kind" => &self.kind,
            "user" => &self.user,
            "other" => &self.other,
            "from" => &self.from,
            "to" => &self.to,
            _ => "",
        }
    }

    pub fn is_empty(&self) -> bool {
        Self::FIELDS.iter().all(|f| self.get(f).trim().is_empty())
    }

    /// `kind=…&from=…` for the fields that filter, each encoded by `encode` (for links that
    /// keep the filter: the pager, the export).
    pub fn query(&self, encode: impl Fn(&str) -> String) -> String {
        Self::FIELDS
            .iter()
            .filter(|f| !self.get(f).trim().is_empty())
            .map(|f| format!("{f}={}", encode(self.get(f).trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// What an activity entry records. Stored as its code (`user.added`), which pages translate;
/// entries are never stored as sentences, so each reader sees them in their own language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activity {
    OrganizationEnrolled,
    OperatorCreated,
    SessionSignedIn,
    SessionSignedOut,
    UserAdded,
    UserRolesChanged,
    UserDeactivated,
    UserReactivated,
    UserPasswordChanged,
    UserTimeZoneChanged,
    PartnershipRequested,
    PartnershipAccepted,
    PartnershipDeclined,
    PartnershipRemoved,
    InvitationReissued,
    InvitationRevoked,
    DirectoryProfileUpdated,
    RelationshipRequested,
    JointInviteRequested,
    RelationshipAccepted,
    RelationshipDeclined,
    RelationshipRemoved,
    RelationshipEndedByCustomer,
    DelegatedAdminGranted,
    DelegatedAdminRemoved,
    CustomerAgreementAccepted,
    CustomerCreated,
    RelationshipCreated,
    SubscriptionAdded,
    SubscriptionResellerSet,
    SubscriptionSupportContactSet,
    SubscriptionLicensesChanged,
    CustomerUserAdded,
    CustomerUserPasswordReset,
    LicenseAssigned,
    LicenseUnassigned,
    OfferAdded,
    OfferChanged,
    ApiTokenCreated,
    ApiTokenRevoked,
    WebhookAdded,
    WebhookSecretRotated,
    WebhookRemoved,
}

impl Activity {
    /// Every activity, in the order of [`Activity`]'s variants.
    pub const ALL: [Activity; 43] = [
        Activity::OrganizationEnrolled,
        Activity::OperatorCreated,
        Activity::SessionSignedIn,
        Activity::SessionSignedOut,
        Activity::UserAdded,
        Activity::UserRolesChanged,
        Activity::UserDeactivated,
        Activity::UserReactivated,
        Activity::UserPasswordChanged,
        Activity::UserTimeZoneChanged,
        Activity::PartnershipRequested,
        Activity::PartnershipAccepted,
        Activity::PartnershipDeclined,
        Activity::PartnershipRemoved,
        Activity::InvitationReissued,
        Activity::InvitationRevoked,
        Activity::DirectoryProfileUpdated,
        Activity::RelationshipRequested,
        Activity::JointInviteRequested,
        Activity::RelationshipAccepted,
        Activity::RelationshipDeclined,
        Activity::RelationshipRemoved,
        Activity::RelationshipEndedByCustomer,
        Activity::DelegatedAdminGranted,
        Activity::DelegatedAdminRemoved,
        Activity::CustomerAgreementAccepted,
        Activity::CustomerCreated,
        Activity::RelationshipCreated,
        Activity::SubscriptionAdded,
        Activity::SubscriptionResellerSet,
        Activity::SubscriptionSupportContactSet,
        Activity::SubscriptionLicensesChanged,
        Activity::CustomerUserAdded,
        Activity::CustomerUserPasswordReset,
        Activity::LicenseAssigned,
        Activity::LicenseUnassigned,
        Activity::OfferAdded,
        Activity::OfferChanged,
        Activity::ApiTokenCreated,
        Activity::ApiTokenRevoked,
        Activity::WebhookAdded,
        Activity::WebhookSecretRotated,
        Activity::WebhookRemoved,
    ];

    /// The stable code stored in the log.
    pub fn code(self) -> &'static str {
        match self {
            Activity::OrganizationEnrolled => "organization.enrolled",
            Activity::OperatorCreated => "operator.created",
            Activity::SessionSignedIn => "session.signed_in",
            Activity::SessionSignedOut => "session.signed_out",
            Activity::UserAdded => "user.added",
            Activity::UserRolesChanged => "user.roles_changed",
            Activity::UserDeactivated => "user.deactivated",
            Activity::UserReactivated => "user.reactivated",
            Activity::UserPasswordChanged => "user.password_changed",
            Activity::UserTimeZoneChanged => "user.time_zone_changed",
            Activity::PartnershipRequested => "partnership.requested",
            Activity::PartnershipAccepted => "partnership.accepted",
            Activity::PartnershipDeclined => "partnership.declined",
            Activity::PartnershipRemoved => "partnership.removed",
            Activity::InvitationReissued => "invitation.reissued",
            Activity::InvitationRevoked => "invitation.revoked",
            Activity::DirectoryProfileUpdated => "directory.profile_updated",
            Activity::RelationshipRequested => "relationship.requested",
            Activity::JointInviteRequested => "joint_invite.requested",
            Activity::RelationshipAccepted => "relationship.accepted",
            Activity::RelationshipDeclined => "relationship.declined",
            Activity::RelationshipRemoved => "relationship.removed",
            Activity::RelationshipEndedByCustomer => "relationship.ended_by_customer",
            Activity::DelegatedAdminGranted => "delegated_admin.granted",
            Activity::DelegatedAdminRemoved => "delegated_admin.removed",
            Activity::CustomerAgreementAccepted => "customer_agreement.accepted",
            Activity::CustomerCreated => "customer.created",
            Activity::RelationshipCreated => "relationship.created",
            Activity::SubscriptionAdded => "subscription.added",
            Activity::SubscriptionResellerSet => "subscription.reseller_set",
            Activity::SubscriptionSupportContactSet => "subscription.support_contact_set",
            Activity::SubscriptionLicensesChanged => "subscription.licenses_changed",
            Activity::CustomerUserAdded => "customer_user.added",
            Activity::CustomerUserPasswordReset => "customer_user.password_reset",
            Activity::LicenseAssigned => "license.assigned",
            Activity::LicenseUnassigned => "license.unassigned",
            Activity::OfferAdded => "offer.added",
            Activity::OfferChanged => "offer.changed",
            Activity::ApiTokenCreated => "api_token.created",
            Activity::ApiTokenRevoked => "api_token.revoked",
            Activity::WebhookAdded => "webhook.added",
            Activity::WebhookSecretRotated => "webhook.secret_rotated",
            Activity::WebhookRemoved => "webhook.removed",
        }
    }
}
