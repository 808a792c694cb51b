//! Database records as the model's rows: offers, subscriptions, partner choices, and a
//! customer's users with their licenses.

use super::*;

pub fn offer(r: db::offers::OfferRecord) -> Result<Offer, AppError> {
    Ok(Offer {
        id: r.id.parse().or_internal("reading an offer id")?,
        name: r.name,
        description: r.description,
        billing_term: BillingTerm::parse(&r.billing_term).or_internal("reading a billing term")?,
        min_licenses: u32::try_from(r.min_licenses).or_internal("reading a license count")?,
        max_licenses: u32::try_from(r.max_licenses).or_internal("reading a license count")?,
        available: r.available,
    })
}

pub fn subscription_row(
    r: &db::orders::SubscriptionRecord,
    tz: &time_fmt::Viewer,
) -> Result<SubscriptionRow, AppError> {
    Ok(SubscriptionRow {
        id: r.id.parse().or_internal("reading a subscription id")?,
        offer: r.offer_name.clone(),
        billing_term: BillingTerm::parse(&r.billing_term).or_internal("reading a billing term")?,
        licenses: u32::try_from(r.licenses).or_internal("reading a license count")?,
        assigned: u32::try_from(r.assigned).or_internal("reading a license count")?,
        status: SubscriptionStatus::parse(&r.status)
            .or_internal("reading a subscription status")?,
        reseller: r.reseller_name.clone(),
        support_contact: r.support_contact_name.clone(),
        created: tz.date(r.created_at),
    })
}

pub(super) fn choice(org_id: OrgId, name: String, mpn_id: Option<String>) -> PartnerChoice {
    PartnerChoice {
        org_id,
        name,
        mpn_id: mpn_id.unwrap_or_default(),
    }
}

pub(super) async fn resellers(
    svc: &Services,
    provider_id: OrgId,
) -> Result<Vec<PartnerChoice>, AppError> {
    Ok(db::partnerships::resellers_of(svc.pool(), provider_id)
        .await
        .or_internal("listing resellers")?
        .into_iter()
        .map(|(id, name, mpn)| choice(id, name, mpn))
        .collect())
}

pub(super) async fn available_offers(svc: &Services) -> Result<Vec<Offer>, AppError> {
    db::offers::list(svc.pool(), true)
        .await
        .or_internal("listing offers")?
        .into_iter()
        .map(offer)
        .collect()
}

/// The customer's users with the subscriptions whose licenses each holds.
pub async fn customer_users(
    svc: &Services,
    customer_id: OrgId,
) -> Result<Vec<CustomerUser>, AppError> {
    let users = db::orders::users_of(svc.pool(), customer_id)
        .await
        .or_internal("listing users")?;
    let mut licenses: HashMap<UserId, Vec<SubscriptionId>> = HashMap::new();
    for (user, sub) in db::orders::assignments_of_customer(svc.pool(), customer_id)
        .await
        .or_internal("listing licenses")?
    {
        licenses.entry(user).or_default().push(sub);
    }
    Ok(users
        .into_iter()
        .map(|(id, name, email, active, global_admin)| CustomerUser {
            licenses: licenses.remove(&id).unwrap_or_default(),
            id,
            name,
            email,
            active,
            global_admin,
        })
        .collect())
}
