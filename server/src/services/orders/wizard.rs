//! The New customer wizard (W10): its form, the checks of each step as they are typed, and the
//! submission that writes the customer, its admin, its links and its order in one transaction,
//! once per request key.

use super::*;

/// A new customer's admin is `admin@<domain>`: an account with that email means the domain is
/// someone's already.
const DOMAIN_TAKEN_BY_ADMIN: [fault::Answer; 1] = [(Unique::Email, || {
    AppError::field("domain_prefix", ErrorCode::DomainTaken)
})];

pub(super) async fn form(svc: &Services, ctx: &RequestCtx) -> Result<NewCustomerForm, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    let mut countries = db::orgs::countries_in_region_of(svc.pool(), &actor.org_country)
        .await
        .or_internal("listing countries")?;
    countries.sort_by_key(|c| app::model::countries::rank(c, actor.locale));
    Ok(NewCustomerForm {
        resellers: resellers(svc, actor.org_id).await?,
        countries,
        home_country: actor.org_country.clone(),
        cloud: actor.org_cloud,
        tenant_suffix: svc.config().tenant_suffix.clone(),
        offers: available_offers(svc).await?,
        request_key: new_id(),
    })
}

pub(super) async fn reseller_choices(
    svc: &Services,
    ctx: &RequestCtx,
) -> Result<Vec<PartnerChoice>, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::ViewResellers)?;
    resellers(svc, actor.org_id).await
}

pub(super) async fn check_domain(
    svc: &Services,
    ctx: &RequestCtx,
    prefix: String,
) -> Result<DomainCheck, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    crate::services::customers::domain_check(svc, &prefix).await
}

pub(super) async fn check_details(
    svc: &Services,
    ctx: &RequestCtx,
    details: CustomerDetails,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    let mut errors = Vec::new();
    details::parse(svc, actor, &details, &mut errors).await?;
    AppError::from_fields(errors)
}

pub(super) async fn place(
    svc: &Services,
    ctx: &RequestCtx,
    request_key: String,
    reseller: Option<OrgId>,
    details: CustomerDetails,
    lines: Vec<OrderLine>,
) -> Result<NewCustomerDone, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    let key = checked_key(&request_key)?;
    let provider_id = actor.org_id;
    if db::orders::order_exists(svc.pool(), provider_id, key)
        .await
        .or_internal("checking an order")?
    {
        return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
    }
    let mut errors = Vec::new();
    let reseller = partnered_reseller(svc, provider_id, reseller, &mut errors).await?;
    let details = details::parse(svc, actor, &details, &mut errors).await?;
    let lines = order::parse_lines(svc, &lines, &mut errors).await?;
    if let Err(e) = AppError::from_fields(errors) {
        // A second submission that raced the first finds the first's domain taken: it is
        // told that the order went through, as when it arrives later.
        if db::orders::order_exists(svc.pool(), provider_id, key)
            .await
            .or_internal("checking an order")?
        {
            return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
        }
        return Err(e);
    }
    let Some(d) = details else {
        return Err(AppError::Internal);
    };
    let domain = d.prefix.domain(&svc.config().tenant_suffix);
    let admin_email = format!("admin@{domain}");
    let crate::services::Temporary {
        shown: temporary,
        hash,
    } = crate::services::temporary_password().await?;

    let now = svc.now_ms();
    let mut tx = db::begin_write(svc.pool())
        .await
        .or_internal("starting an order")?;
    // Again inside the write lock: a second submission waits here and then finds the first.
    if db::orders::order_exists(&mut tx, provider_id, key)
        .await
        .or_internal("checking an order")?
    {
        return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
    }
    if db::customers::domain_taken(&mut tx, &domain)
        .await
        .or_internal("checking a domain")?
        || db::users::email_taken(&mut tx, &admin_email)
            .await
            .or_internal("checking an email")?
    {
        return Err(AppError::field("domain_prefix", ErrorCode::DomainTaken));
    }
    let customer_id = OrgId(new_uuid());
    let name = d.company.as_str();
    db::orgs::insert(
        &mut tx,
        &db::orgs::NewOrg {
            id: customer_id,
            kind: OrgKind::Customer.as_str(),
            legal_name: name,
            country: d.country.as_str(),
            cloud: actor.org_cloud.as_str(),
            mpn_id: None,
            at: now,
        },
    )
    .await
    .or_internal("storing a customer")?;
    db::customers::set_domain(&mut tx, customer_id, &domain)
        .await
        .on_constraint(&fault::DOMAIN_TAKEN, "storing a domain")?;
    db::orders::insert_profile(
        &mut tx,
        &db::orders::Profile {
            customer_id,
            address: &d.address,
            city: &d.city,
            postal_code: &d.postal_code,
            contact_first_name: d.first_name.as_str(),
            contact_last_name: d.last_name.as_str(),
            contact_email: d.email.as_str(),
            contact_phone: &d.phone,
        },
    )
    .await
    .or_internal("storing a customer profile")?;
    let admin_id = UserId(new_uuid());
    // Stored once, in the order of the language the form was filled in (Hungarian: family first).
    let admin_name = actor
        .locale
        .full_name(d.first_name.as_str(), d.last_name.as_str());
    db::users::insert(
        &mut tx,
        &db::users::NewUser {
            id: admin_id,
            organization_id: customer_id,
            name: &admin_name,
            email: &admin_email,
            password_hash: &hash,
            must_change_password: true,
            time_zone: &actor.time_zone,
            at: now,
        },
        &[app::model::Role::GlobalAdmin.as_str()],
    )
    .await
    .on_constraint(&DOMAIN_TAKEN_BY_ADMIN, "storing the customer's admin")?;
    audit::by_actor(
        &mut tx,
        provider_id,
        actor,
        Activity::CustomerCreated,
        name,
        now,
    )
    .await?;
    audit::by_actor(
        &mut tx,
        customer_id,
        actor,
        Activity::CustomerCreated,
        &actor.org_name,
        now,
    )
    .await?;
    let data = serde_json::json!({
        "customer": webhooks::party(Some(customer_id), name),
        "provider": webhooks::party(Some(provider_id), &actor.org_name),
        "reseller": reseller.as_ref().map(|(id, n)| webhooks::party(Some(*id), n)),
        "by": actor.user_name,
    });
    for org in std::iter::once(provider_id).chain(reseller.as_ref().map(|(id, _)| *id)) {
        let event = EventType::CustomerCreated;
        webhooks::emit(&mut tx, org, event, data.clone(), now).await?;
    }
    // The provider and the reseller become resellers of record; the reseller (or, without
    // one, the provider) gets delegated admin permissions.
    let mut partners = vec![(provider_id, actor.org_name.clone())];
    partners.extend(reseller.clone());
    for (partner_id, partner_name) in &partners {
        let partner_id = *partner_id;
        db::customers::insert_relationship(&mut tx, &new_id(), partner_id, customer_id, now, None)
            .await
            .or_internal("storing a relationship")?;
        let code = Activity::RelationshipCreated;
        audit::by_actor(&mut tx, partner_id, actor, code, name, now).await?;
        audit::by_actor(&mut tx, customer_id, actor, code, partner_name, now).await?;
    }
    // The reseller when there is one, else the provider (the list is never empty).
    let (grantee_id, grantee_name) = partners.last().cloned().ok_or(AppError::Internal)?;
    db::customers::insert_grant(&mut tx, &new_id(), customer_id, grantee_id, now, None)
        .await
        .or_internal("storing a delegated admin grant")?;
    let code = Activity::DelegatedAdminGranted;
    audit::by_actor(&mut tx, grantee_id, actor, code, name, now).await?;
    audit::by_actor(&mut tx, customer_id, actor, code, &grantee_name, now).await?;
    let ids = order::write(
        &mut tx,
        actor,
        (customer_id, name),
        reseller.as_ref(),
        key,
        &lines,
        now,
    )
    .await?;
    tx.commit().await.or_internal("committing an order")?;
    svc.announce(&reseller.iter().map(|r| r.0).collect::<Vec<_>>());
    Ok(NewCustomerDone {
        customer_id,
        name: name.to_owned(),
        domain,
        admin_user: admin_email,
        temporary_password: temporary,
        reseller: reseller.map(|(_, n)| n),
        subscriptions: ids.len(),
    })
}
