//! Who may do what: the role table of SPEC.md, in one place. The server enforces it on every
//! operation; pages use the same table only to hide what would be refused.

use super::{OrgKind, Role};
use Role::*;

/// Every action the role table names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// See customers, resellers, providers, invitations, activity.
    ViewOrganization,
    /// Request a partnership, a reseller relationship or a joint invite; re-issue or revoke.
    RequestLinks,
    /// Accept or decline a partnership request (reseller side).
    RespondToPartnership,
    /// Remove a partnership or a customer relationship.
    RemoveRelationships,
    /// Add customers, place orders, add subscriptions, set reseller and support contact.
    PlaceOrders,
    /// Manage a customer's users and licenses (also needs a delegated admin grant).
    ManageCustomerUsers,
    /// Manage the organization's own users and roles.
    ManageUsers,
    /// Grant or take the Global admin role.
    GrantGlobalAdmin,
    /// Fill in or hide providers' directory profiles (the operator).
    MaintainDirectory,
    /// A customer's own partners: accept or decline requests, remove a delegated admin grant,
    /// end a reseller relationship.
    ManagePartners,
}

impl Action {
    pub const ALL: [Action; 10] = [
        Action::ViewOrganization,
        Action::RequestLinks,
        Action::RespondToPartnership,
        Action::RemoveRelationships,
        Action::PlaceOrders,
        Action::ManageCustomerUsers,
        Action::ManageUsers,
        Action::GrantGlobalAdmin,
        Action::MaintainDirectory,
        Action::ManagePartners,
    ];
}

/// The roles that allow an action in an organization of the given kind.
pub fn roles_for(kind: OrgKind, action: Action) -> &'static [Role] {
    match (kind, action) {
        (OrgKind::Operator, Action::MaintainDirectory) => &[GlobalAdmin],
        (_, Action::MaintainDirectory) => &[],
        // Customers: Global admins run the organization; ordinary users hold no role.
        (OrgKind::Customer, Action::ViewOrganization | Action::ManageUsers) => &[GlobalAdmin],
        (OrgKind::Customer, Action::GrantGlobalAdmin | Action::ManagePartners) => &[GlobalAdmin],
        (_, Action::ManagePartners) => &[],
        (OrgKind::Customer, _) => &[],
        (_, Action::ViewOrganization) => {
            &[GlobalAdmin, UserManagementAdmin, AdminAgent, SalesAgent]
        }
        (_, Action::RequestLinks | Action::PlaceOrders) => &[GlobalAdmin, AdminAgent, SalesAgent],
        (
            _,
            Action::RespondToPartnership
            | Action::RemoveRelationships
            | Action::ManageCustomerUsers,
        ) => &[GlobalAdmin, AdminAgent],
        (_, Action::ManageUsers) => &[GlobalAdmin, UserManagementAdmin],
        (_, Action::GrantGlobalAdmin) => &[GlobalAdmin],
    }
}

/// Whether someone holding `roles` in an organization of `kind` may do `action`.
pub fn allows(kind: OrgKind, roles: &[Role], action: Action) -> bool {
    roles_for(kind, action).iter().any(|r| roles.contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC.md's table, written out as it reads there, one row per action:
    /// Global admin, User management admin, Admin agent, Sales agent.
    const TABLE: [(Action, [bool; 4]); 10] = [
        (Action::ViewOrganization, [true, true, true, true]),
        (Action::RequestLinks, [true, false, true, true]),
        (Action::RespondToPartnership, [true, false, true, false]),
        (Action::RemoveRelationships, [true, false, true, false]),
        (Action::PlaceOrders, [true, false, true, true]),
        (Action::ManageCustomerUsers, [true, false, true, false]),
        (Action::ManageUsers, [true, true, false, false]),
        (Action::GrantGlobalAdmin, [true, false, false, false]),
        (Action::MaintainDirectory, [false, false, false, false]),
        (Action::ManagePartners, [false, false, false, false]),
    ];

    #[test]
    fn every_partner_role_against_every_action() {
        for kind in [OrgKind::Provider, OrgKind::Reseller] {
            for (action, expected) in TABLE {
                for (role, want) in Role::ALL.into_iter().zip(expected) {
                    assert_eq!(
                        allows(kind, &[role], action),
                        want,
                        "{kind:?} {role:?} {action:?}"
                    );
                }
                assert!(
                    !allows(kind, &[], action),
                    "no role allows nothing: {action:?}"
                );
            }
        }
        assert_eq!(TABLE.len(), Action::ALL.len());
    }

    #[test]
    fn only_the_operator_maintains_the_directory() {
        assert!(allows(
            OrgKind::Operator,
            &[GlobalAdmin],
            Action::MaintainDirectory
        ));
        assert!(!allows(
            OrgKind::Provider,
            &[GlobalAdmin],
            Action::MaintainDirectory
        ));
    }

    #[test]
    fn customers_only_have_global_admins_running_them() {
        assert!(allows(
            OrgKind::Customer,
            &[GlobalAdmin],
            Action::ManageUsers
        ));
        assert!(!allows(
            OrgKind::Customer,
            &[GlobalAdmin],
            Action::PlaceOrders
        ));
        assert!(!allows(OrgKind::Customer, &[], Action::ViewOrganization));
        assert!(allows(
            OrgKind::Customer,
            &[GlobalAdmin],
            Action::ManagePartners
        ));
        assert!(!allows(
            OrgKind::Customer,
            &[GlobalAdmin],
            Action::RequestLinks
        ));
    }
}
