//! Subscriptions (W12): new ones for an existing customer, a subscription's page, and the changes
//! its seller makes (reseller, support contact, license count; a grantee changes licenses too).

use super::*;

/// What an MPN ID names, for this provider: a partnered reseller, or why not.
pub(super) async fn reseller_by_mpn(
    svc: &Services,
    actor: &Actor,
    mpn: &str,
) -> Result<Result<PartnerChoice, ErrorCode>, AppError> {
    let mpn = match MpnId::parse(mpn) {
        Ok(m) => m,
        Err(code) => return Ok(Err(code)),
    };
    let Some((id, name, _)) = db::orgs::by_mpn_id(svc.pool(), mpn.as_str())
        .await
        .or_internal("finding an MPN ID")?
        .filter(|(_, _, kind)| kind == OrgKind::Reseller.as_str())
    else {
        return Ok(Err(ErrorCode::ResellerUnknown));
    };
    if !db::partnerships::is_active(svc.pool(), actor.org_id, id)
        .await
        .or_internal("checking a partnership")?
    {
        return Ok(Err(ErrorCode::ResellerNotPartnered));
    }
    Ok(Ok(choice(id, name, Some(mpn.to_string()))))
}

pub(super) async fn new_form(
    svc: &Services,
    ctx: &RequestCtx,
    customer_id: OrgId,
) -> Result<NewSubscriptionForm, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    if !access(svc, actor, customer_id).await?.relationship {
        return Err(AppError::Refused(ErrorCode::NotYourCustomer));
    }
    Ok(NewSubscriptionForm {
        customer_name: crate::services::orgs::org_name(svc, customer_id).await?,
        offers: available_offers(svc).await?,
        resellers: resellers(svc, actor.org_id).await?,
        request_key: new_id(),
    })
}

pub(super) async fn add(
    svc: &Services,
    ctx: &RequestCtx,
    customer_id: OrgId,
    request_key: String,
    lines: Vec<OrderLine>,
    reseller: Option<OrgId>,
) -> Result<Vec<SubscriptionId>, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    let key = checked_key(&request_key)?;
    if !access(svc, actor, customer_id).await?.relationship {
        return Err(AppError::Refused(ErrorCode::NotYourCustomer));
    }
    let mut errors = Vec::new();
    let provider_id = actor.org_id;
    let reseller = partnered_reseller(svc, provider_id, reseller, &mut errors).await?;
    let lines = order::parse_lines(svc, &lines, &mut errors).await?;
    AppError::from_fields(errors)?;
    let name = crate::services::orgs::org_name(svc, customer_id).await?;
    let now = svc.now_ms();
    let mut tx = db::begin_write(svc.pool())
        .await
        .or_internal("starting an order")?;
    if db::orders::order_exists(&mut tx, provider_id, key)
        .await
        .or_internal("checking an order")?
    {
        return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
    }
    if !db::customers::relationship_active(&mut tx, provider_id, customer_id)
        .await
        .or_internal("checking a relationship")?
    {
        return Err(AppError::Refused(ErrorCode::NotYourCustomer));
    }
    let ids = order::write(
        &mut tx,
        actor,
        (customer_id, &name),
        reseller.as_ref(),
        key,
        &lines,
        now,
    )
    .await?;
    tx.commit().await.or_internal("committing an order")?;
    svc.announce(&reseller.iter().map(|r| r.0).collect::<Vec<_>>());
    ids.iter()
        .map(|id| id.parse().or_internal("reading an id"))
        .collect()
}

pub(super) async fn detail(
    svc: &Services,
    ctx: &RequestCtx,
    customer: OrgId,
    subscription: SubscriptionId,
) -> Result<SubscriptionDetail, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::ViewOrganization)?;
    let r = access::subscription_record(svc, subscription).await?;
    if r.customer_id != customer {
        return Err(AppError::NotFound);
    }
    let a = access(svc, actor, r.customer_id).await?;
    let me = actor.org_id;
    let sold_by_me = r.provider_id == me;
    let visible = a.grant || sold_by_me || r.reseller_id == Some(me) || r.support_contact_id == me;
    if !visible {
        return Err(AppError::NotFound);
    }
    let offer_record = db::offers::by_id(svc.pool(), &r.offer_id)
        .await
        .or_internal("reading an offer")?
        .ok_or(AppError::Internal)?;
    let mut contact_choices = vec![choice(r.provider_id, r.provider_name.clone(), None)];
    if sold_by_me {
        contact_choices.extend(resellers(svc, me).await?);
    }
    if !contact_choices
        .iter()
        .any(|c| c.org_id == r.support_contact_id)
    {
        contact_choices.push(choice(
            r.support_contact_id,
            r.support_contact_name.clone(),
            None,
        ));
    }
    let reseller = match (r.reseller_id, &r.reseller_name) {
        (Some(id), Some(name)) => Some(choice(id, name.clone(), r.reseller_mpn_id.clone())),
        _ => None,
    };
    let customer_name = crate::services::orgs::org_name(svc, r.customer_id).await?;
    let may_change_partners = sold_by_me && actor.may(Action::PlaceOrders);
    Ok(SubscriptionDetail {
        id: subscription,
        customer_id: customer,
        customer_name,
        offer: offer(offer_record)?,
        licenses: u32::try_from(r.licenses).or_internal("reading a license count")?,
        assigned: u32::try_from(r.assigned).or_internal("reading a license count")?,
        status: SubscriptionStatus::parse(&r.status)
            .or_internal("reading a subscription status")?,
        reseller,
        support_contact: r.support_contact_id,
        contact_choices,
        provider: r.provider_name.clone(),
        created: time_fmt::Viewer::of(actor).date_time(r.created_at),
        created_by: r.created_by_name.clone(),
        may_change_partners,
        may_change_licenses: may_change_partners
            || (a.grant && actor.may(Action::ManageCustomerUsers)),
        version: version(&r),
    })
}

/// The version of what a change can touch: licenses, status, reseller and support contact
/// (by content, so that a change undone gives the version it had).
pub fn version(r: &db::orders::SubscriptionRecord) -> String {
    use sha2::{Digest, Sha256};
    let text = format!(
        "{}|{}|{}|{}",
        r.licenses,
        r.status,
        r.reseller_id.map(|id| id.to_string()).unwrap_or_default(),
        r.support_contact_id
    );
    Sha256::digest(text.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Refuses a change made against a version that is no longer the subscription's, read under
/// the write lock (so no change slips in between).
async fn check_version(tx: &mut db::Tx, id: &str, expected: Option<&str>) -> Result<(), AppError> {
    let Some(expected) = expected else {
        return Ok(());
    };
    let current = db::orders::subscription(tx, id)
        .await
        .or_internal("reading a subscription")?
        .ok_or(AppError::NotFound)?;
    if version(&current) == expected {
        Ok(())
    } else {
        Err(AppError::Refused(ErrorCode::VersionMismatch))
    }
}

pub(super) async fn check_reseller(
    svc: &Services,
    ctx: &RequestCtx,
    mpn_id: String,
) -> Result<ResellerCheck, AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    Ok(
        match subscription::reseller_by_mpn(svc, actor, &mpn_id).await? {
            Ok(r) => ResellerCheck {
                reseller: Some(r),
                problem: None,
            },
            Err(code) => ResellerCheck {
                reseller: None,
                problem: Some(code),
            },
        },
    )
}

pub(super) async fn set_partners(
    svc: &Services,
    ctx: &RequestCtx,
    subscription: SubscriptionId,
    reseller_mpn_id: String,
    support_contact: String,
    expected: Option<String>,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    require(actor, Action::PlaceOrders)?;
    let r = access::sold_by(svc, actor, subscription).await?;
    let me = actor.org_id;
    let mut errors = Vec::new();
    let unchanged = match (&r.reseller_id, &r.reseller_name, &r.reseller_mpn_id) {
        (Some(id), Some(name), Some(mpn)) if mpn.as_str() == reseller_mpn_id.trim() => {
            Some(choice(*id, name.clone(), Some(mpn.clone())))
        }
        _ => None,
    };
    // The reseller already recorded is kept as it is, even if its partnership has ended since:
    // only a new one must be a partnered reseller now.
    let reseller = if let Some(same) = unchanged {
        Some(same)
    } else if reseller_mpn_id.trim().is_empty() {
        None
    } else {
        match subscription::reseller_by_mpn(svc, actor, &reseller_mpn_id).await? {
            Ok(c) => Some(c),
            Err(code) => {
                errors.push(FieldError::new("reseller_mpn_id", code));
                None
            }
        }
    };
    let contact = match support_contact.trim().parse::<OrgId>() {
        Ok(id) if id == me => Some(id),
        Ok(id)
            if db::partnerships::is_active(svc.pool(), me, id)
                .await
                .or_internal("checking a partnership")? =>
        {
            Some(id)
        }
        _ => None,
    };
    let Some(contact) = contact else {
        errors.push(FieldError::new(
            "support_contact",
            ErrorCode::SupportContactUnknown,
        ));
        return Err(AppError::Invalid(errors));
    };
    AppError::from_fields(errors)?;
    let reseller_id = reseller.as_ref().map(|c| c.org_id);
    // Names for the activity entries, read before the write lock: a transaction never waits
    // for a second connection (with every connection waiting for the lock, it would wait
    // for good).
    let customer_name = crate::services::orgs::org_name(svc, r.customer_id).await?;
    let contact_name = if contact == r.support_contact_id {
        None
    } else {
        Some(crate::services::orgs::org_name(svc, contact).await?)
    };
    let now = svc.now_ms();
    let mut tx = db::begin_write(svc.pool())
        .await
        .or_internal("starting a change")?;
    check_version(&mut tx, &r.id, expected.as_deref()).await?;
    db::orders::set_partners(&mut tx, &r.id, reseller_id, contact, now)
        .await
        .or_internal("changing a subscription")?;
    if reseller_id != r.reseller_id {
        let subject = format!(
            "{} · {} → {}",
            r.offer_name,
            customer_name,
            reseller.as_ref().map_or("—", |c| c.name.as_str())
        );
        let code = Activity::SubscriptionResellerSet;
        audit::by_actor(&mut tx, me, actor, code, &subject, now).await?;
        audit::by_actor(&mut tx, r.customer_id, actor, code, &subject, now).await?;
        for id in [r.reseller_id, reseller_id].into_iter().flatten() {
            audit::by_actor(&mut tx, id, actor, code, &subject, now).await?;
        }
    }
    let mut changes = Vec::new();
    if reseller_id != r.reseller_id {
        changes.push("reseller");
    }
    if contact_name.is_some() {
        changes.push("support_contact");
    }
    if !changes.is_empty() {
        let data = serde_json::json!({
            "subscription_id": r.id,
            "customer": webhooks::party(Some(r.customer_id), &customer_name),
            "offer": r.offer_name,
            "changes": changes,
            "reseller": reseller.as_ref().map(|c| webhooks::party(Some(c.org_id), &c.name)),
            "by": actor.user_name,
        });
        let mut told = vec![r.provider_id];
        told.extend(r.reseller_id);
        told.extend(reseller_id);
        told.sort_unstable();
        told.dedup();
        for org in told {
            let event = EventType::SubscriptionChanged;
            webhooks::emit(&mut tx, org, event, data.clone(), now).await?;
        }
    }
    if let Some(contact_name) = contact_name {
        let subject = format!("{} · {} → {}", r.offer_name, customer_name, contact_name);
        let code = Activity::SubscriptionSupportContactSet;
        audit::by_actor(&mut tx, me, actor, code, &subject, now).await?;
        audit::by_actor(&mut tx, r.customer_id, actor, code, &subject, now).await?;
        for id in [r.support_contact_id, contact] {
            if id != me {
                audit::by_actor(&mut tx, id, actor, code, &subject, now).await?;
            }
        }
    }
    tx.commit().await.or_internal("committing a change")
}

pub(super) async fn set_licenses(
    svc: &Services,
    ctx: &RequestCtx,
    subscription: SubscriptionId,
    licenses: String,
    expected: Option<String>,
) -> Result<(), AppError> {
    let actor = ctx.actor()?;
    let r = access::subscription_record(svc, subscription).await?;
    let a = access(svc, actor, r.customer_id).await?;
    let me = actor.org_id;
    let allowed = (r.provider_id == me && actor.may(Action::PlaceOrders))
        || (a.grant && actor.may(Action::ManageCustomerUsers));
    if !allowed {
        if r.provider_id == me {
            require(actor, Action::PlaceOrders)?;
        }
        return Err(AppError::Refused(ErrorCode::DelegatedAdminMissing));
    }
    let offer_record = db::offers::by_id(svc.pool(), &r.offer_id)
        .await
        .or_internal("reading an offer")?
        .ok_or(AppError::Internal)?;
    let o = offer(offer_record)?;
    let n = parse_licenses(&licenses)
        .and_then(|n| o.check_licenses(n))
        .map_err(|code| AppError::field("licenses", code))?;
    // Read before the write lock: a transaction never waits for a second connection.
    let customer_name = crate::services::orgs::org_name(svc, r.customer_id).await?;
    let now = svc.now_ms();
    let mut tx = db::begin_write(svc.pool())
        .await
        .or_internal("starting a change")?;
    check_version(&mut tx, &r.id, expected.as_deref()).await?;
    // The count before the change, read under the write lock for the activity entry.
    let before = db::orders::subscription(&mut tx, &r.id)
        .await
        .or_internal("reading a subscription")?
        .map_or(r.licenses, |current| current.licenses);
    let assigned = db::orders::assigned_count(&mut tx, &r.id)
        .await
        .or_internal("counting licenses")?;
    if i64::from(n) < assigned {
        return Err(AppError::field("licenses", ErrorCode::LicensesInUse));
    }
    db::orders::set_licenses(&mut tx, &r.id, i64::from(n), now)
        .await
        .or_internal("changing licenses")?;
    let subject = format!("{} · {}: {} → {}", r.offer_name, customer_name, before, n);
    let code = Activity::SubscriptionLicensesChanged;
    audit::by_actor(&mut tx, me, actor, code, &subject, now).await?;
    audit::by_actor(&mut tx, r.customer_id, actor, code, &subject, now).await?;
    if r.provider_id != me {
        audit::by_actor(&mut tx, r.provider_id, actor, code, &subject, now).await?;
    }
    let data = serde_json::json!({
        "subscription_id": r.id,
        "customer": webhooks::party(Some(r.customer_id), &customer_name),
        "offer": r.offer_name,
        "changes": ["licenses"],
        "licenses": n,
        "by": actor.user_name,
    });
    for org in std::iter::once(r.provider_id).chain(r.reseller_id) {
        let event = EventType::SubscriptionChanged;
        webhooks::emit(&mut tx, org, event, data.clone(), now).await?;
    }
    tx.commit().await.or_internal("committing a change")
}
