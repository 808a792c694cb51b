//! The organization's own users. Rules: ManageUsers role; only a Global admin grants or takes the
//! Global admin role (and deactivates a Global admin); an organization keeps at least one active
//! Global admin; nobody deactivates themselves.

use super::fault::{self, OnConstraint};
use super::{
    Services,
    audit::{self, By},
    fault::OrInternal,
    new_uuid, require, time_fmt,
};
use crate::db;
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, users::UsersPort},
    model::{
        Action, Actor, AppError, Email, ErrorCode, FieldError, NewUser, OrgKind, PersonName, Role,
        UserId, UserRow,
    },
};

pub struct Users(pub Services);

fn role_names(roles: &[Role]) -> Vec<&'static str> {
    roles.iter().map(|r| r.as_str()).collect()
}

/// Customers' users are Global admins or hold no role; partners' may hold any.
fn roles_fit(kind: OrgKind, roles: &[Role]) -> bool {
    kind != OrgKind::Customer || roles.iter().all(|r| *r == Role::GlobalAdmin)
}

/// Partners' users need a role; customers' ordinary users hold none.
fn check_roles(actor: &Actor, roles: &[Role]) -> Result<(), ErrorCode> {
    if roles.is_empty() && actor.org_kind != OrgKind::Customer {
        return Err(ErrorCode::NoRoleChosen);
    }
    if !roles_fit(actor.org_kind, roles) {
        return Err(ErrorCode::RoleNotForCustomers);
    }
    if roles.contains(&Role::GlobalAdmin) && !actor.may(Action::GrantGlobalAdmin) {
        return Err(ErrorCode::OnlyGlobalAdminGrantsGlobalAdmin);
    }
    Ok(())
}

#[async_trait::async_trait]
impl UsersPort for Users {
    async fn list(&self, ctx: &RequestCtx) -> Result<Vec<UserRow>, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageUsers)?;
        let records = db::users::list_in_org(self.0.pool(), actor.org_id)
            .await
            .or_internal("listing users")?;
        let mut rows: Vec<UserRow> = Vec::new();
        for r in records {
            let role = r.role.as_deref().and_then(Role::parse);
            if let Some(last) = rows.last_mut().filter(|last| last.id == r.id) {
                last.roles.extend(role);
                continue;
            }
            let id = r.id;
            rows.push(UserRow {
                id,
                name: r.name,
                email: r.email,
                roles: role.into_iter().collect(),
                active: r.active,
                must_change_password: r.must_change_password,
                created: time_fmt::Viewer::of(actor).date_time(r.created_at),
            });
        }
        Ok(rows)
    }

    async fn add(
        &self,
        ctx: &RequestCtx,
        name: String,
        email: String,
        mut roles: Vec<Role>,
    ) -> Result<NewUser, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageUsers)?;
        roles.sort();
        roles.dedup();
        let mut errors = Vec::new();
        let name = FieldError::collect(&mut errors, "name", PersonName::parse(&name));
        let email = FieldError::collect(&mut errors, "email", Email::parse(&email));
        if let Err(code) = check_roles(actor, &roles) {
            errors.push(FieldError::new("roles", code));
        }
        AppError::from_fields(errors)?;
        let (Some(name), Some(email)) = (name, email) else {
            return Err(AppError::Internal);
        };

        let svc = &self.0;
        // Adding a user tells whether its email has an account anywhere: limited per
        // organization, so that it cannot be used to probe for accounts.
        super::rate::per_org(svc, actor, "add-user", svc.config().add_user_max_per_hour).await?;
        if db::users::email_taken(svc.pool(), email.as_str())
            .await
            .or_internal("checking an email")?
        {
            return Err(AppError::field("email", ErrorCode::EmailTaken));
        }
        let super::Temporary {
            shown: temporary,
            hash,
        } = super::temporary_password().await?;
        let now = svc.now_ms();
        let id = UserId(new_uuid());
        let org_id = actor.org_id;
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting to add a user")?;
        if db::users::email_taken(&mut tx, email.as_str())
            .await
            .or_internal("checking an email")?
        {
            return Err(AppError::field("email", ErrorCode::EmailTaken));
        }
        db::users::insert(
            &mut tx,
            &db::users::NewUser {
                id,
                organization_id: org_id,
                name: name.as_str(),
                email: email.as_str(),
                password_hash: &hash,
                must_change_password: true,
                time_zone: &actor.time_zone,
                at: now,
            },
            &role_names(&roles),
        )
        .await
        .on_constraint(&fault::EMAIL_TAKEN, "inserting a user")?;
        let actor_id = actor.user_id;
        let by = By {
            user_id: Some(actor_id),
            name: &actor.user_name,
        };
        audit::record(
            &mut tx,
            org_id,
            &by,
            Activity::UserAdded,
            email.as_str(),
            now,
        )
        .await
        .or_internal("recording a new user")?;
        tx.commit().await.or_internal("committing a new user")?;
        Ok(NewUser {
            id,
            email: email.to_string(),
            temporary_password: temporary,
        })
    }

    async fn set_roles(
        &self,
        ctx: &RequestCtx,
        user_id: UserId,
        mut roles: Vec<Role>,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageUsers)?;
        roles.sort();
        roles.dedup();
        if roles.is_empty() && actor.org_kind != OrgKind::Customer {
            return Err(AppError::Refused(ErrorCode::NoRoleChosen));
        }
        if !roles_fit(actor.org_kind, &roles) {
            return Err(AppError::Refused(ErrorCode::RoleNotForCustomers));
        }
        let svc = &self.0;
        let org_id = actor.org_id;
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a role change")?;
        let found = db::users::find_in_org(&mut tx, org_id, user_id)
            .await
            .or_internal("reading a user")?
            .ok_or(AppError::NotFound)?;
        let had_ga = found.is_global_admin();
        let (email, active) = (found.email, found.active);
        let has_ga = roles.contains(&Role::GlobalAdmin);
        if had_ga != has_ga && !actor.may(Action::GrantGlobalAdmin) {
            return Err(AppError::Refused(
                ErrorCode::OnlyGlobalAdminGrantsGlobalAdmin,
            ));
        }
        if had_ga && !has_ga && active {
            let others = db::users::other_active_global_admins(&mut tx, org_id, user_id)
                .await
                .or_internal("counting Global admins")?;
            if others == 0 {
                return Err(AppError::Refused(ErrorCode::LastGlobalAdmin));
            }
        }
        db::users::replace_roles(&mut tx, user_id, &role_names(&roles))
            .await
            .or_internal("storing roles")?;
        let actor_id = actor.user_id;
        let by = By {
            user_id: Some(actor_id),
            name: &actor.user_name,
        };
        audit::record(
            &mut tx,
            org_id,
            &by,
            Activity::UserRolesChanged,
            &email,
            svc.now_ms(),
        )
        .await
        .or_internal("recording a role change")?;
        tx.commit().await.or_internal("committing a role change")
    }

    async fn set_active(
        &self,
        ctx: &RequestCtx,
        user_id: UserId,
        active: bool,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ManageUsers)?;
        if user_id == actor.user_id {
            return Err(AppError::Refused(ErrorCode::OwnAccount));
        }
        let svc = &self.0;
        let org_id = actor.org_id;
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting an activation change")?;
        let found = db::users::find_in_org(&mut tx, org_id, user_id)
            .await
            .or_internal("reading a user")?
            .ok_or(AppError::NotFound)?;
        let is_ga = found.is_global_admin();
        let email = found.email;
        if is_ga && !actor.may(Action::GrantGlobalAdmin) {
            return Err(AppError::Refused(
                ErrorCode::OnlyGlobalAdminGrantsGlobalAdmin,
            ));
        }
        if is_ga && !active {
            let others = db::users::other_active_global_admins(&mut tx, org_id, user_id)
                .await
                .or_internal("counting Global admins")?;
            if others == 0 {
                return Err(AppError::Refused(ErrorCode::LastGlobalAdmin));
            }
        }
        db::users::set_active(&mut tx, user_id, active)
            .await
            .or_internal("storing activation")?;
        if !active {
            db::sessions::delete_for_user(&mut tx, user_id)
                .await
                .or_internal("ending sessions")?;
        }
        let actor_id = actor.user_id;
        let by = By {
            user_id: Some(actor_id),
            name: &actor.user_name,
        };
        let code = if active {
            Activity::UserReactivated
        } else {
            Activity::UserDeactivated
        };
        audit::record(&mut tx, org_id, &by, code, &email, svc.now_ms())
            .await
            .or_internal("recording an activation change")?;
        tx.commit()
            .await
            .or_internal("committing an activation change")
    }
}
