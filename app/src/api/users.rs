//! The organization's own users: list, add, roles, deactivation.

use crate::model::{AppError, NewUser, Role, UserId, UserRow};
use leptos::prelude::*;

/// Role checkboxes as a form sends them: a field is present (`"on"`) when ticked. Separate
/// fields keep the form a plain HTML form.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct RoleChoice {
    #[serde(default)]
    pub global_admin: Option<String>,
    #[serde(default)]
    pub user_management_admin: Option<String>,
    #[serde(default)]
    pub admin_agent: Option<String>,
    #[serde(default)]
    pub sales_agent: Option<String>,
}

impl RoleChoice {
    pub fn roles(&self) -> Vec<Role> {
        [
            (Role::GlobalAdmin, &self.global_admin),
            (Role::UserManagementAdmin, &self.user_management_admin),
            (Role::AdminAgent, &self.admin_agent),
            (Role::SalesAgent, &self.sales_agent),
        ]
        .into_iter()
        .filter(|(_, ticked)| ticked.is_some())
        .map(|(role, _)| role)
        .collect()
    }
}

#[cfg(feature = "ssr")]
#[async_trait::async_trait]
pub trait UsersPort: Send + Sync {
    async fn list(&self, ctx: &super::RequestCtx) -> Result<Vec<UserRow>, AppError>;
    async fn add(
        &self,
        ctx: &super::RequestCtx,
        name: String,
        email: String,
        roles: Vec<Role>,
    ) -> Result<NewUser, AppError>;
    async fn set_roles(
        &self,
        ctx: &super::RequestCtx,
        user: UserId,
        roles: Vec<Role>,
    ) -> Result<(), AppError>;
    async fn set_active(
        &self,
        ctx: &super::RequestCtx,
        user: UserId,
        active: bool,
    ) -> Result<(), AppError>;
}

#[server(endpoint = "list_users")]
pub async fn list_users() -> Result<Vec<UserRow>, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.users.list(&ctx).await)
}

#[server(endpoint = "add_user")]
pub async fn add_user(
    name: String,
    email: String,
    #[server(default)] roles: RoleChoice,
) -> Result<NewUser, AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.users.add(&ctx, name, email, roles.roles()).await)
}

#[server(endpoint = "set_user_roles")]
pub async fn set_user_roles(
    user_id: UserId,
    #[server(default)] roles: RoleChoice,
) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.users.set_roles(&ctx, user_id, roles.roles()).await)
}

#[server(endpoint = "set_user_active")]
pub async fn set_user_active(user_id: UserId, active: bool) -> Result<(), AppError> {
    let (ports, ctx) = super::ports_and_ctx()?;
    super::finish(ports.users.set_active(&ctx, user_id, active).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticked_boxes_become_roles() {
        let c = RoleChoice {
            admin_agent: Some("on".into()),
            sales_agent: Some("on".into()),
            ..Default::default()
        };
        assert_eq!(c.roles(), vec![Role::AdminAgent, Role::SalesAgent]);
        assert!(RoleChoice::default().roles().is_empty());
    }
}
