//! An order: its request key, its lines checked against the catalog, and its writing (order,
//! subscriptions, activity) inside the caller's transaction.

use super::*;

/// A request key as the page made it: a short opaque token.
pub(super) fn checked_key(key: &str) -> Result<&str, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > 64 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::BadRequest);
    }
    Ok(key)
}

/// The order's lines against the catalog: known, offered, within bounds, at least one.
/// Errors name `licenses-<offer id>` (or `offers`).
pub(super) async fn parse_lines(
    svc: &Services,
    lines: &[OrderLine],
    errors: &mut Vec<FieldError>,
) -> Result<Vec<(Offer, u32)>, AppError> {
    if lines.is_empty() {
        errors.push(FieldError::new("offers", ErrorCode::NoOffersChosen));
        return Ok(Vec::new());
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in lines {
        if !seen.insert(line.offer_id) {
            return Err(AppError::BadRequest);
        }
        let name = format!("licenses-{}", line.offer_id);
        let record = db::offers::by_id(svc.pool(), &line.offer_id.to_string())
            .await
            .or_internal("reading an offer")?;
        let Some(o) = record.map(offer).transpose()? else {
            errors.push(FieldError::new(&name, ErrorCode::OfferUnknown));
            continue;
        };
        if !o.available {
            errors.push(FieldError::new(&name, ErrorCode::OfferWithdrawn));
            continue;
        }
        if let Some(n) = FieldError::collect(errors, &name, o.check_licenses(line.licenses)) {
            out.push((o, n));
        }
    }
    Ok(out)
}

/// Writes an order and its subscriptions and their activity, inside `tx`.
#[allow(clippy::too_many_arguments)]
pub(super) async fn write(
    tx: &mut db::Tx,
    actor: &Actor,
    customer: (OrgId, &str),
    reseller: Option<&(OrgId, String)>,
    key: &str,
    lines: &[(Offer, u32)],
    now: i64,
) -> Result<Vec<String>, AppError> {
    let provider_id = actor.org_id;
    let user_id = actor.user_id;
    let order_id = new_id();
    let order = db::orders::NewOrder {
        id: &order_id,
        customer_id: customer.0,
        provider_id,
        reseller_id: reseller.map(|&(id, _)| id),
        request_key: key,
        user_id: Some(user_id),
        user_name: &actor.user_name,
        at: now,
    };
    db::orders::insert_order(tx, &order).await.on_constraint(
        &[(Unique::OrderRequestKey, || {
            AppError::Refused(ErrorCode::OrderAlreadySubmitted)
        })],
        "storing an order",
    )?;
    let contact = reseller.map_or(provider_id, |&(id, _)| id);
    let mut ids = Vec::new();
    for (o, n) in lines {
        let id = new_id();
        db::orders::insert_subscription(
            tx,
            &order,
            &db::orders::NewSubscription {
                id: &id,
                offer_id: &o.id.to_string(),
                licenses: i64::from(*n),
                support_contact_id: contact,
            },
        )
        .await
        .or_internal("storing a subscription")?;
        let subject = format!("{} × {} · {}", n, o.name, customer.1);
        audit::by_actor(
            tx,
            provider_id,
            actor,
            Activity::SubscriptionAdded,
            &subject,
            now,
        )
        .await?;
        audit::by_actor(
            tx,
            customer.0,
            actor,
            Activity::SubscriptionAdded,
            &subject,
            now,
        )
        .await?;
        if let Some(&(reseller_id, _)) = reseller {
            audit::by_actor(
                tx,
                reseller_id,
                actor,
                Activity::SubscriptionAdded,
                &subject,
                now,
            )
            .await?;
        }
        let data = serde_json::json!({
            "subscription_id": id,
            "customer": webhooks::party(Some(customer.0), customer.1),
            "offer": o.name,
            "licenses": n,
            "by": actor.user_name,
        });
        for org in std::iter::once(provider_id).chain(reseller.map(|&(id, _)| id)) {
            let event = EventType::SubscriptionCreated;
            webhooks::emit(tx, org, event, data.clone(), now).await?;
        }
        ids.push(id);
    }
    if let Some((reseller_id, _)) = reseller {
        notices::tell(
            tx,
            &notices::Tell {
                to: *reseller_id,
                kind: NoticeKind::OrderPlaced,
                by: &actor.user_name,
                other: (Some(provider_id), &actor.org_name),
                customer: Some(customer),
                invitation: None,
                at: now,
            },
        )
        .await?;
    }
    Ok(ids)
}
