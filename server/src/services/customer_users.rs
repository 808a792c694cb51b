//! A customer's users and licenses, managed by a partner. Rules: the partner holds an active
//! delegated admin grant from the customer and the role ManageCustomerUsers; users it adds hold
//! no role and must change their temporary password; a subscription never has more licenses
//! assigned than purchased; resetting a password signs the user out everywhere; a partner never
//! resets a Global admin's password (that would hand it the customer organization).

use super::fault::{self, OnConstraint};
use super::{Services, audit, fault::OrInternal, new_uuid, orders, require};
use crate::db;
use app::model::activity::Activity;
use app::{
    api::{RequestCtx, customer_users::CustomerUsersPort},
    model::{
        Action, Actor, AppError, CustomerUsersView, Email, ErrorCode, FieldError, OrgId,
        PersonName, SubscriptionId, SubscriptionStatus, TemporaryPassword, UserId,
    },
};

pub struct CustomerUsers(pub Services);

impl CustomerUsers {
    /// The customer's id once the actor may manage its users.
    async fn managed(&self, actor: &Actor, customer_id: OrgId) -> Result<OrgId, AppError> {
        let a = orders::access(&self.0, actor, customer_id).await?;
        if !a.grant {
            return Err(AppError::Refused(ErrorCode::DelegatedAdminMissing));
        }
        require(actor, Action::ManageCustomerUsers)?;
        Ok(customer_id)
    }

    /// A user of the customer.
    async fn user_of(
        &self,
        tx: &mut db::Tx,
        customer_id: OrgId,
        user: UserId,
    ) -> Result<db::users::OrgUser, AppError> {
        db::users::find_in_org(tx, customer_id, user)
            .await
            .or_internal("reading a user")?
            .ok_or(AppError::NotFound)
    }

    async fn log(
        &self,
        tx: &mut db::Tx,
        actor: &Actor,
        customer_id: OrgId,
        code: Activity,
        subject: &str,
        now: i64,
    ) -> Result<(), AppError> {
        let partner_id = actor.org_id;
        audit::by_actor(tx, partner_id, actor, code, subject, now).await?;
        audit::by_actor(tx, customer_id, actor, code, subject, now).await
    }
}

#[async_trait::async_trait]
impl CustomerUsersPort for CustomerUsers {
    async fn view(&self, ctx: &RequestCtx, customer: OrgId) -> Result<CustomerUsersView, AppError> {
        let actor = ctx.actor()?;
        let customer_id = self.managed(actor, customer).await?;
        let svc = &self.0;
        let (name, domain, _) = db::orgs::name_and_domain(svc.pool(), customer_id)
            .await
            .or_internal("reading a customer")?
            .ok_or(AppError::NotFound)?;
        let subs = db::orders::of_customer(svc.pool(), customer_id, actor.org_id, true)
            .await
            .or_internal("listing subscriptions")?;
        let tz = super::time_fmt::Viewer::of(actor);
        Ok(CustomerUsersView {
            org_id: customer,
            name,
            domain: domain.unwrap_or_default(),
            users: orders::customer_users(svc, customer_id).await?,
            subscriptions: subs
                .iter()
                .map(|r| orders::subscription_row(r, &tz))
                .collect::<Result<_, _>>()?,
        })
    }

    async fn add(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        name: String,
        email: String,
    ) -> Result<TemporaryPassword, AppError> {
        let actor = ctx.actor()?;
        let customer_id = self.managed(actor, customer).await?;
        let mut errors = Vec::new();
        let name = FieldError::collect(&mut errors, "name", PersonName::parse(&name));
        let email = FieldError::collect(&mut errors, "email", Email::parse(&email));
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
                id: UserId(new_uuid()),
                organization_id: customer_id,
                name: name.as_str(),
                email: email.as_str(),
                password_hash: &hash,
                must_change_password: true,
                time_zone: "UTC",
                at: now,
            },
            &[],
        )
        .await
        .on_constraint(&fault::EMAIL_TAKEN, "storing a user")?;
        let subject = format!("{} <{}>", name, email);
        self.log(
            &mut tx,
            actor,
            customer_id,
            Activity::CustomerUserAdded,
            &subject,
            now,
        )
        .await?;
        tx.commit().await.or_internal("committing a user")?;
        Ok(TemporaryPassword {
            email: email.to_string(),
            temporary_password: temporary,
        })
    }

    async fn reset_password(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        user_id: UserId,
    ) -> Result<TemporaryPassword, AppError> {
        let actor = ctx.actor()?;
        let customer_id = self.managed(actor, customer).await?;
        let svc = &self.0;
        let super::Temporary {
            shown: temporary,
            hash,
        } = super::temporary_password().await?;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a password reset")?;
        let found = self.user_of(&mut tx, customer_id, user_id).await?;
        // A temporary password for a Global admin would hand the partner the customer
        // organization, and with it the grant only the customer may end.
        if found.is_global_admin() {
            return Err(AppError::Refused(ErrorCode::GlobalAdminNotManaged));
        }
        db::users::set_temporary_password(&mut tx, user_id, &hash)
            .await
            .or_internal("storing a password")?;
        db::sessions::delete_for_user(&mut tx, user_id)
            .await
            .or_internal("ending sessions")?;
        let subject = format!("{} <{}>", found.name, found.email);
        self.log(
            &mut tx,
            actor,
            customer_id,
            Activity::CustomerUserPasswordReset,
            &subject,
            now,
        )
        .await?;
        tx.commit()
            .await
            .or_internal("committing a password reset")?;
        Ok(TemporaryPassword {
            email: found.email,
            temporary_password: temporary,
        })
    }

    async fn set_license(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        user_id: UserId,
        subscription: SubscriptionId,
        assign: bool,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        let customer_id = self.managed(actor, customer).await?;
        let svc = &self.0;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a license change")?;
        // Read inside the write lock: its license count is the one the assignment is counted
        // against, even while the provider changes it.
        let sub = db::orders::subscription(&mut tx, &subscription.to_string())
            .await
            .or_internal("reading a subscription")?
            .filter(|s| s.customer_id == customer_id)
            .ok_or(AppError::NotFound)?;
        let found = self.user_of(&mut tx, customer_id, user_id).await?;
        let (name, active) = (found.name, found.active);
        let changed = if assign {
            if !active || SubscriptionStatus::parse(&sub.status) != Some(SubscriptionStatus::Active)
            {
                return Err(AppError::Refused(ErrorCode::LicenseNotAssignable));
            }
            // Counted inside the write lock: two assignments cannot both take the last license.
            let assigned = db::orders::assigned_count(&mut tx, &sub.id)
                .await
                .or_internal("counting licenses")?;
            if assigned >= sub.licenses {
                return Err(AppError::Refused(ErrorCode::LicensesExhausted));
            }
            db::orders::assign(&mut tx, &sub.id, user_id, &actor.user_name, now)
                .await
                .or_internal("assigning a license")?
        } else {
            db::orders::unassign(&mut tx, &sub.id, user_id)
                .await
                .or_internal("taking a license back")?
        };
        if changed {
            let code = if assign {
                Activity::LicenseAssigned
            } else {
                Activity::LicenseUnassigned
            };
            let subject = format!("{} · {}", sub.offer_name, name);
            self.log(&mut tx, actor, customer_id, code, &subject, now)
                .await?;
        }
        tx.commit().await.or_internal("committing a license change")
    }
}
