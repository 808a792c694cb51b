//! A customer's record as a partner sees it (expanded in the Customers list) and its
//! subscriptions page.

use super::*;

pub(super) async fn record(
    svc: &Services,
    ctx: &RequestCtx,
    customer_id: OrgId,
) -> Result<CustomerRecordView, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::ViewOrganization)?;
    let a = access(svc, actor, customer_id).await?;
    let me = actor.org_id;
    let (name, _, _) = db::orgs::name_and_domain(svc.pool(), customer_id)
        .await
        .or_internal("reading a customer")?
        .ok_or(AppError::NotFound)?;
    let subs = db::orders::of_customer(svc.pool(), customer_id, me, a.grant)
        .await
        .or_internal("listing subscriptions")?;
    let tz = time_fmt::Viewer::of(actor);
    let subscriptions = subs
        .iter()
        .map(|r| subscription_row(r, &tz))
        .collect::<Result<Vec<_>, _>>()?;
    let resellers = db::orders::associated_resellers(svc.pool(), customer_id, me)
        .await
        .or_internal("listing resellers")?
        .into_iter()
        .map(|(n,)| n)
        .collect();
    let users = if a.grant {
        Some(customer_users(svc, customer_id).await?)
    } else {
        None
    };
    let user_count = match &users {
        Some(u) => u.len(),
        None => usize::try_from(
            db::orders::user_count(svc.pool(), customer_id)
                .await
                .or_internal("counting users")?,
        )
        .or_internal("reading a user count")?,
    };
    Ok(CustomerRecordView {
        org_id: customer_id,
        name,
        resellers,
        subscriptions,
        users,
        user_count: u32::try_from(user_count).or_internal("reading a user count")?,
        may_order: a.may_order(actor),
    })
}

pub(super) async fn subscriptions(
    svc: &Services,
    ctx: &RequestCtx,
    customer_id: OrgId,
) -> Result<CustomerSubscriptions, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::ViewOrganization)?;
    let a = access(svc, actor, customer_id).await?;
    let (name, domain, _) = db::orgs::name_and_domain(svc.pool(), customer_id)
        .await
        .or_internal("reading a customer")?
        .ok_or(AppError::NotFound)?;
    let subs = db::orders::of_customer(svc.pool(), customer_id, actor.org_id, a.grant)
        .await
        .or_internal("listing subscriptions")?;
    let tz = time_fmt::Viewer::of(actor);
    Ok(CustomerSubscriptions {
        org_id: customer_id,
        name,
        domain: domain.unwrap_or_default(),
        rows: subs
            .iter()
            .map(|r| subscription_row(r, &tz))
            .collect::<Result<_, _>>()?,
        may_order: a.may_order(actor),
    })
}
