//! Users, roles and the signed-in actor.

use super::{OrgId, OrgKind, UserId};
use serde::{Deserialize, Serialize};

/// The partner roles of SPEC.md. Customer users who hold no role are ordinary users.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    GlobalAdmin,
    UserManagementAdmin,
    AdminAgent,
    SalesAgent,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::GlobalAdmin,
        Role::UserManagementAdmin,
        Role::AdminAgent,
        Role::SalesAgent,
    ];

    /// The value stored in the database and used as a form field name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::GlobalAdmin => "global_admin",
            Self::UserManagementAdmin => "user_management_admin",
            Self::AdminAgent => "admin_agent",
            Self::SalesAgent => "sales_agent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The roles users of an organization of this kind may hold: customers' users are Global
    /// admins or hold none.
    pub fn for_kind(kind: super::OrgKind) -> &'static [Role] {
        match kind {
            super::OrgKind::Customer => &[Role::GlobalAdmin],
            _ => &Self::ALL,
        }
    }
}

/// Who is making a request: resolved from the session cookie on every request, so that a role
/// change, a deactivation or a sign-out takes effect on the next request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: UserId,
    pub user_name: String,
    pub email: String,
    pub org_id: OrgId,
    pub org_name: String,
    pub org_kind: OrgKind,
    pub org_country: String,
    pub org_cloud: super::Cloud,
    pub org_mpn_id: Option<String>,
    /// A customer's primary domain.
    pub org_domain: Option<String>,
    pub roles: Vec<Role>,
    pub must_change_password: bool,
    pub time_zone: String,
    /// The language the user chose, if any (it then wins over the browser's).
    pub language: Option<super::Locale>,
    /// The language of this request's reply (dates are written in its convention).
    pub locale: super::Locale,
    /// Notifications this user has not seen (up to `notification::UNREAD_CAP`): filled in only
    /// where the shell asks who is signed in (`api::session::current_user`), so the bell costs
    /// no second request, and no other request pays for the count.
    #[serde(default)]
    pub unread: u32,
    /// The API token this request acts through (`/api/v1`), if any: then `roles` are the
    /// token's that its maker still holds, `user_name` names the token, and times are written
    /// for machines (RFC 3339, UTC).
    #[serde(default)]
    pub api_token: Option<String>,
}

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn may(&self, action: super::Action) -> bool {
        self.check(action).is_ok()
    }

    /// Whether the actor may do `action`, and if not, whether its organization's kind or its
    /// roles refuse it.
    pub fn check(&self, action: super::Action) -> Result<(), super::policy::Refusal> {
        super::policy::may(self.org_kind, &self.roles, action)
    }
}

/// A row of the Users page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub must_change_password: bool,
    pub created: String,
}

/// The answer to "add user": the temporary password is shown once and never stored in clear.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUser {
    pub id: UserId,
    pub email: String,
    pub temporary_password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("Global admin"), None);
    }
}
