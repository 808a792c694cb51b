//! Who may do what, in one place: for every action, the kinds of organization that may do it and
//! the roles that may within them (SPEC.md's tables). The server asks [`may`] before every
//! operation; pages and the menu ask the same function only to hide what would be refused.

use super::{AppError, ErrorCode, OrgKind, Role};
use OrgKind::*;
use Role::*;

/// Every action the tables name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// See one's own organization: its activity, its sent invitations.
    ViewOrganization,
    /// See the partner's customers (the Customers list, a customer's account and record).
    ViewCustomers,
    /// See the provider's indirect resellers.
    ViewResellers,
    /// See the reseller's indirect providers.
    ViewProviders,
    /// See the customer's own partners and the requests it opened.
    ViewMyPartners,
    /// Request a partnership with a reseller (W3).
    RequestPartnership,
    /// Request a reseller relationship with a customer (W6).
    RequestRelationship,
    /// Invite new customers jointly with an indirect provider (W7).
    InviteJointly,
    /// Re-issue or revoke its organization's requests, or note their recipient.
    RequestLinks,
    /// Accept or decline a partnership request (reseller side).
    RespondToPartnership,
    /// Accept or decline a reseller relationship or joint invite (customer side).
    AnswerCustomerRequest,
    /// Remove a partnership (provider side).
    RemovePartnership,
    /// Remove a customer relationship (partner side).
    RemoveCustomerRelationship,
    /// Add customers, place orders, add subscriptions, set reseller and support contact.
    PlaceOrders,
    /// Manage a customer's users and licenses (also needs a delegated admin grant).
    ManageCustomerUsers,
    /// Manage the organization's own users and roles.
    ManageUsers,
    /// Grant or take the Global admin role.
    GrantGlobalAdmin,
    /// Fill in, hide or verify providers' directory profiles (the operator).
    MaintainDirectory,
    /// Keep the offer catalog (the operator).
    MaintainOffers,
    /// A customer's own partners: remove a delegated admin grant, end a reseller relationship,
    /// decline a request.
    ManagePartners,
    /// Create, list and revoke the organization's API tokens (in the browser only).
    ManageApiTokens,
    /// Register webhook endpoints, rotate their secrets, read and redeliver their deliveries.
    ManageWebhooks,
}

impl Action {
    pub const ALL: [Action; 22] = [
        Action::ViewOrganization,
        Action::ViewCustomers,
        Action::ViewResellers,
        Action::ViewProviders,
        Action::ViewMyPartners,
        Action::RequestPartnership,
        Action::RequestRelationship,
        Action::InviteJointly,
        Action::RequestLinks,
        Action::RespondToPartnership,
        Action::AnswerCustomerRequest,
        Action::RemovePartnership,
        Action::RemoveCustomerRelationship,
        Action::PlaceOrders,
        Action::ManageCustomerUsers,
        Action::ManageUsers,
        Action::GrantGlobalAdmin,
        Action::MaintainDirectory,
        Action::MaintainOffers,
        Action::ManagePartners,
        Action::ManageApiTokens,
        Action::ManageWebhooks,
    ];
}

/// What an organization of a kind that may not do an action is answered (each as it always was).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindRefusal {
    /// Refused with a code that says which kind may ("Only indirect providers …").
    Code(ErrorCode),
    /// Not told that the thing exists (the operator's offer catalog).
    Hidden,
    /// Refused as if by role, naming no role: no role of this kind ever may.
    NoRole,
}

/// Why an action is refused: the organization's kind, or the actor's roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Kind(KindRefusal),
    /// None of the actor's roles may; these would.
    Roles(&'static [Role]),
}

impl From<Refusal> for AppError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Kind(KindRefusal::Code(code)) => AppError::Refused(code),
            Refusal::Kind(KindRefusal::Hidden) => AppError::NotFound,
            Refusal::Kind(KindRefusal::NoRole) => AppError::Forbidden(Vec::new()),
            Refusal::Roles(roles) => AppError::Forbidden(roles.to_vec()),
        }
    }
}

const ALL_ROLES: &[Role] = &[GlobalAdmin, UserManagementAdmin, AdminAgent, SalesAgent];
const AGENTS: &[Role] = &[GlobalAdmin, AdminAgent, SalesAgent];
const ADMINS: &[Role] = &[GlobalAdmin, AdminAgent];
const GA: &[Role] = &[GlobalAdmin];

/// The first half of the table: the kinds that may do an action, and what the others get.
pub fn kinds_for(action: Action) -> (&'static [OrgKind], KindRefusal) {
    use Action::*;
    use KindRefusal::*;
    match action {
        ViewOrganization | ManageUsers | GrantGlobalAdmin => {
            (&[Provider, Reseller, Customer, Operator], NoRole)
        }
        ViewCustomers
        | RequestRelationship
        | RemoveCustomerRelationship
        | ManageCustomerUsers
        | ManageApiTokens
        | ManageWebhooks => (&[Provider, Reseller], Code(ErrorCode::PartnersOnly)),
        ViewResellers | RequestPartnership | RemovePartnership | PlaceOrders => {
            (&[Provider], Code(ErrorCode::ProvidersOnly))
        }
        ViewProviders | InviteJointly | RespondToPartnership => {
            (&[Reseller], Code(ErrorCode::NotAReseller))
        }
        ViewMyPartners | ManagePartners => (&[Customer], Code(ErrorCode::CustomersOnly)),
        AnswerCustomerRequest => (&[Customer], Code(ErrorCode::OnlyCustomersAccept)),
        RequestLinks => (&[Provider, Reseller, Operator], NoRole),
        MaintainDirectory => (&[Operator], NoRole),
        MaintainOffers => (&[Operator], Hidden),
    }
}

/// The second half: within a kind that may, the roles that may. Customers' Global admins run
/// the organization (its other users hold no role); the operator's users are Global admins.
pub fn roles_for(kind: OrgKind, action: Action) -> &'static [Role] {
    if !kinds_for(action).0.contains(&kind) {
        return &[];
    }
    roles_within(kind, action)
}

/// [`roles_for`] once the kind is known to be allowed (so [`may`] looks the kind up once).
fn roles_within(kind: OrgKind, action: Action) -> &'static [Role] {
    use Action::*;
    match (kind, action) {
        (Customer, _) => GA,
        (_, ViewOrganization | ViewCustomers | ViewResellers | ViewProviders) => ALL_ROLES,
        (_, ManageUsers) => &[GlobalAdmin, UserManagementAdmin],
        (
            _,
            RequestPartnership | RequestRelationship | InviteJointly | RequestLinks | PlaceOrders,
        ) => AGENTS,
        (
            _,
            RespondToPartnership
            | RemovePartnership
            | RemoveCustomerRelationship
            | ManageCustomerUsers,
        ) => ADMINS,
        (
            _,
            GrantGlobalAdmin
            | MaintainDirectory
            | MaintainOffers
            | ViewMyPartners
            | ManagePartners
            | AnswerCustomerRequest
            | ManageApiTokens
            | ManageWebhooks,
        ) => GA,
    }
}

/// The kind half alone (for a check whose role half comes later, after other refusals).
pub fn kind_may(kind: OrgKind, action: Action) -> Result<(), Refusal> {
    let (kinds, otherwise) = kinds_for(action);
    if kinds.contains(&kind) {
        Ok(())
    } else {
        Err(Refusal::Kind(otherwise))
    }
}

/// Whether someone holding `roles` in an organization of `kind` may do `action`, and if not,
/// which half refuses: the kind first, then the roles.
pub fn may(kind: OrgKind, roles: &[Role], action: Action) -> Result<(), Refusal> {
    kind_may(kind, action)?;
    let allowed = roles_within(kind, action);
    if roles.iter().any(|r| allowed.contains(r)) {
        Ok(())
    } else {
        Err(Refusal::Roles(allowed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC.md's tables written out: for each action, per kind (provider, reseller, customer,
    /// operator), `None` when the kind may not, else which of Global admin, User management
    /// admin, Admin agent, Sales agent may.
    type Row = (Action, [Option<[bool; 4]>; 4]);
    const ALL4: Option<[bool; 4]> = Some([true, true, true, true]);
    const AGENT: Option<[bool; 4]> = Some([true, false, true, true]);
    const ADMIN: Option<[bool; 4]> = Some([true, false, true, false]);
    const USERS: Option<[bool; 4]> = Some([true, true, false, false]);
    const GA_ONLY: Option<[bool; 4]> = Some([true, false, false, false]);
    const NO: Option<[bool; 4]> = None;
    const TABLE: [Row; 22] = [
        (Action::ViewOrganization, [ALL4, ALL4, GA_ONLY, ALL4]),
        (Action::ViewCustomers, [ALL4, ALL4, NO, NO]),
        (Action::ViewResellers, [ALL4, NO, NO, NO]),
        (Action::ViewProviders, [NO, ALL4, NO, NO]),
        (Action::ViewMyPartners, [NO, NO, GA_ONLY, NO]),
        (Action::RequestPartnership, [AGENT, NO, NO, NO]),
        (Action::RequestRelationship, [AGENT, AGENT, NO, NO]),
        (Action::InviteJointly, [NO, AGENT, NO, NO]),
        (Action::RequestLinks, [AGENT, AGENT, NO, AGENT]),
        (Action::RespondToPartnership, [NO, ADMIN, NO, NO]),
        (Action::AnswerCustomerRequest, [NO, NO, GA_ONLY, NO]),
        (Action::RemovePartnership, [ADMIN, NO, NO, NO]),
        (Action::RemoveCustomerRelationship, [ADMIN, ADMIN, NO, NO]),
        // Resellers sell through their providers: only providers place orders.
        (Action::PlaceOrders, [AGENT, NO, NO, NO]),
        (Action::ManageCustomerUsers, [ADMIN, ADMIN, NO, NO]),
        (Action::ManageUsers, [USERS, USERS, GA_ONLY, USERS]),
        (
            Action::GrantGlobalAdmin,
            [GA_ONLY, GA_ONLY, GA_ONLY, GA_ONLY],
        ),
        (Action::MaintainDirectory, [NO, NO, NO, GA_ONLY]),
        (Action::MaintainOffers, [NO, NO, NO, GA_ONLY]),
        (Action::ManagePartners, [NO, NO, GA_ONLY, NO]),
        // Issue 22: tokens act for the organization; only its Global admins make them.
        (Action::ManageApiTokens, [GA_ONLY, GA_ONLY, NO, NO]),
        (Action::ManageWebhooks, [GA_ONLY, GA_ONLY, NO, NO]),
    ];
    const KINDS: [OrgKind; 4] = [Provider, Reseller, Customer, Operator];

    #[test]
    fn every_kind_and_role_against_every_action() {
        assert_eq!(TABLE.len(), Action::ALL.len());
        for (action, per_kind) in TABLE {
            for (kind, expected) in KINDS.into_iter().zip(per_kind) {
                for (i, role) in Role::ALL.into_iter().enumerate() {
                    let got = may(kind, &[role], action);
                    match expected {
                        None => assert!(
                            matches!(got, Err(Refusal::Kind(_))),
                            "{kind:?} {role:?} {action:?}: {got:?}"
                        ),
                        Some(roles) if roles[i] => {
                            assert_eq!(got, Ok(()), "{kind:?} {role:?} {action:?}")
                        }
                        Some(_) => assert!(
                            matches!(got, Err(Refusal::Roles(_))),
                            "{kind:?} {role:?} {action:?}: {got:?}"
                        ),
                    }
                }
                assert!(
                    may(kind, &[], action).is_err(),
                    "no role allows nothing: {kind:?} {action:?}"
                );
            }
        }
    }

    #[test]
    fn refusals_name_the_half_that_refused_and_answer_as_before() {
        assert_eq!(
            AppError::from(may(Reseller, &[GlobalAdmin], Action::PlaceOrders).unwrap_err()),
            AppError::Refused(ErrorCode::ProvidersOnly)
        );
        assert_eq!(
            AppError::from(may(Provider, &[SalesAgent], Action::RemovePartnership).unwrap_err()),
            AppError::Forbidden(vec![GlobalAdmin, AdminAgent])
        );
        assert_eq!(
            AppError::from(may(Provider, &[GlobalAdmin], Action::MaintainOffers).unwrap_err()),
            AppError::NotFound
        );
        assert_eq!(
            AppError::from(may(Customer, &[GlobalAdmin], Action::RequestLinks).unwrap_err()),
            AppError::Forbidden(Vec::new())
        );
        assert_eq!(
            may(Customer, &[GlobalAdmin], Action::RespondToPartnership),
            Err(Refusal::Kind(KindRefusal::Code(ErrorCode::NotAReseller)))
        );
    }
}
