//! Database records as the model's rows: offers, subscriptions, partner choices, and a
//! customer's users with their licenses.

use super::*;

pub fn offer(r: db::offers::OfferRecord) -> Result<Offer, AppError> {
    Ok(Offer {
        id: r.id.parse().or_internal("reading an offer id")?,
        name: r.name,
        description: r.description,
        billing_term: BillingTerm::parse(&r.billing_term).unwrap_or(BillingTerm::Monthly),
        min_licenses: u32::try_from(r.min_licenses).unwrap_or(0),
        max_licenses: u32::try_from(r.max_licenses).unwrap_or(0),
        available: r.available,
    })
}

pub fn subscription_row(
    r: &db::orders::SubscriptionRecord,
    tz: &jiff::tz::TimeZone,
) -> Result<SubscriptionRow, AppError> {
    Ok(SubscriptionRow {
        id: r.id.parse().or_internal("reading a subscription id")?,
        offer: r.offer_name.clone(),
        billing_term: BillingTerm::parse(&r.billing_term).unwrap_or(BillingTerm::Monthly),
        licenses: u32::try_from(r.licenses).unwrap_or(0),
        assigned: u32::try_from(r.assigned).unwrap_or(0),
        status: SubscriptionStatus::parse(&r.status).unwrap_or(SubscriptionStatus::Active),
        reseller: r.reseller_name.clone(),
        support_contact: r.support_contact_name.clone(),
        created: time_fmt::format_date_in(r.created_at, tz),
    })
}

pub(super) fn choice(
    id: String,
    name: String,
    mpn_id: Option<String>,
) -> Result<PartnerChoice, AppError> {
    Ok(PartnerChoice {
        org_id: id.parse().or_internal("reading an organization id")?,
        name,
        mpn_id: mpn_id.unwrap_or_default(),
    })
}

pub(super) async fn resellers(
    svc: &Services,
    provider_id: &str,
) -> Result<Vec<PartnerChoice>, AppError> {
    db::partnerships::resellers_of(svc.pool(), provider_id)
        .await
        .or_internal("listing resellers")?
        .into_iter()
        .map(|(id, name, mpn)| choice(id, name, mpn))
        .collect()
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
    customer_id: &str,
) -> Result<Vec<CustomerUser>, AppError> {
    let users = db::orders::users_of(svc.pool(), customer_id)
        .await
        .or_internal("listing users")?;
    let mut licenses: HashMap<String, Vec<SubscriptionId>> = HashMap::new();
    for (user, sub) in db::orders::assignments_of_customer(svc.pool(), customer_id)
        .await
        .or_internal("listing licenses")?
    {
        licenses
            .entry(user)
            .or_default()
            .push(sub.parse().or_internal("reading an id")?);
    }
    users
        .into_iter()
        .map(|(id, name, email, active, global_admin)| {
            Ok(CustomerUser {
                licenses: licenses.remove(&id).unwrap_or_default(),
                id: id.parse().or_internal("reading a user id")?,
                name,
                email,
                active,
                global_admin,
            })
        })
        .collect()
}
