//! Orders and subscriptions (W10–W12). Rules: providers place orders (PlaceOrders) for customers
//! they have a reseller relationship with; the New customer wizard writes the customer, its admin,
//! its links and its order in one transaction, once per request key; license counts stay within
//! the offer's bounds and never below the licenses assigned; only the provider that sold a
//! subscription sets its Reseller (MPN ID) (a reseller partnered with it) and its Designated
//! support contact (itself or such a reseller).

use super::{Services, audit, fault::OrInternal, new_id, require, time_fmt};
use crate::db;
use app::{
    api::{RequestCtx, orders::OrdersPort},
    model::{
        Action, Actor, AppError, BillingTerm, CountryCode, CustomerDetails, CustomerRecordView,
        CustomerSubscriptions, CustomerUser, DomainCheck, DomainPrefix, Email, ErrorCode,
        FieldError, LegalName, MpnId, NewCustomerDone, NewCustomerForm, NewSubscriptionForm, Offer,
        OrderLine, OrgId, OrgKind, PartnerChoice, PersonName, ResellerCheck, SubscriptionDetail,
        SubscriptionId, SubscriptionRow, SubscriptionStatus, order::parse_licenses,
    },
};
use std::collections::{HashMap, HashSet};

pub struct Orders(pub Services);

/// What links a partner has with a customer.
#[derive(Clone, Copy, Debug)]
pub struct Access {
    pub relationship: bool,
    pub grant: bool,
}

/// The partner's links with the customer; neither → `NotYourCustomer` (whether or not the
/// customer exists: another partner's customers are not told apart from nobody).
pub async fn access(svc: &Services, actor: &Actor, customer_id: &str) -> Result<Access, AppError> {
    if !actor.org_kind.is_partner() {
        return Err(AppError::Refused(ErrorCode::PartnersOnly));
    }
    let partner_id = actor.org_id.to_string();
    let relationship = db::customers::relationship_active(svc.pool(), &partner_id, customer_id)
        .await
        .or_internal("checking a relationship")?;
    let grant = db::customers::grant_active(svc.pool(), customer_id, &partner_id)
        .await
        .or_internal("checking a grant")?;
    if relationship || grant {
        Ok(Access {
            relationship,
            grant,
        })
    } else {
        Err(AppError::Refused(ErrorCode::NotYourCustomer))
    }
}

impl Access {
    /// Whether the actor may add subscriptions: a provider in a relationship, with the role.
    pub fn may_order(&self, actor: &Actor) -> bool {
        self.relationship && actor.org_kind == OrgKind::Provider && actor.may(Action::PlaceOrders)
    }
}

fn providers_only(actor: &Actor) -> Result<(), AppError> {
    if actor.org_kind == OrgKind::Provider {
        Ok(())
    } else {
        Err(AppError::Refused(ErrorCode::ProvidersOnly))
    }
}

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

fn choice(id: String, name: String, mpn_id: Option<String>) -> Result<PartnerChoice, AppError> {
    Ok(PartnerChoice {
        org_id: id.parse().or_internal("reading an organization id")?,
        name,
        mpn_id: mpn_id.unwrap_or_default(),
    })
}

async fn resellers(svc: &Services, provider_id: &str) -> Result<Vec<PartnerChoice>, AppError> {
    db::partnerships::resellers_of(svc.pool(), provider_id)
        .await
        .or_internal("listing resellers")?
        .into_iter()
        .map(|(id, name, mpn)| choice(id, name, mpn))
        .collect()
}

async fn available_offers(svc: &Services) -> Result<Vec<Offer>, AppError> {
    db::offers::list(svc.pool(), true)
        .await
        .or_internal("listing offers")?
        .into_iter()
        .map(offer)
        .collect()
}

/// A request key as the page made it: a short opaque token.
fn checked_key(key: &str) -> Result<&str, AppError> {
    let key = key.trim();
    if key.is_empty() || key.len() > 64 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(AppError::BadRequest);
    }
    Ok(key)
}

/// The reseller a provider chose, if it is partnered with it.
async fn partnered_reseller(
    svc: &Services,
    provider_id: &str,
    reseller: Option<OrgId>,
    errors: &mut Vec<FieldError>,
) -> Result<Option<(String, String)>, AppError> {
    let Some(reseller) = reseller else {
        return Ok(None);
    };
    let id = reseller.to_string();
    let partnered = db::partnerships::is_active(svc.pool(), provider_id, &id)
        .await
        .or_internal("checking a partnership")?;
    if !partnered {
        errors.push(FieldError::new("reseller", ErrorCode::ResellerNotPartnered));
        return Ok(None);
    }
    let name = super::invitations::org_name(svc, &id).await?;
    Ok(Some((id, name)))
}

/// Validated customer details.
struct Details {
    company: LegalName,
    prefix: DomainPrefix,
    country: CountryCode,
    address: String,
    city: String,
    postal_code: String,
    first_name: PersonName,
    last_name: PersonName,
    email: Email,
    phone: String,
}

fn field<T>(errors: &mut Vec<FieldError>, name: &str, r: Result<T, ErrorCode>) -> Option<T> {
    r.map_err(|code| errors.push(FieldError::new(name, code)))
        .ok()
}

/// Required text of at most `max` characters, without control characters.
fn text(s: &str, max: usize) -> Result<String, ErrorCode> {
    let s = s.trim();
    if s.is_empty() {
        Err(ErrorCode::Required)
    } else if s.chars().count() > max || s.chars().any(char::is_control) {
        Err(ErrorCode::TooLong)
    } else {
        Ok(s.to_owned())
    }
}

/// A telephone number as people write it: digits with spaces, `+`, `-`, `(`, `)`, `.`; 6 to 15
/// digits.
fn phone(s: &str) -> Result<String, ErrorCode> {
    let s = text(s, 30)?;
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if (6..=15).contains(&digits)
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        Ok(s)
    } else {
        Err(ErrorCode::PhoneFormat)
    }
}

impl Orders {
    fn svc(&self) -> &Services {
        &self.0
    }

    /// Every field of the details step; the domain's availability and the country's region too.
    async fn parse_details(
        &self,
        actor: &Actor,
        d: &CustomerDetails,
        errors: &mut Vec<FieldError>,
    ) -> Result<Option<Details>, AppError> {
        let company = field(errors, "company", LegalName::parse(&d.company));
        let prefix = field(
            errors,
            "domain_prefix",
            DomainPrefix::parse(&d.domain_prefix),
        );
        let country = field(errors, "country", CountryCode::parse(&d.country));
        let address = field(errors, "address", text(&d.address, 200));
        let city = field(errors, "city", text(&d.city, 100));
        let postal_code = field(errors, "postal_code", text(&d.postal_code, 20));
        let first_name = field(errors, "first_name", PersonName::parse(&d.first_name));
        let last_name = field(errors, "last_name", PersonName::parse(&d.last_name));
        let email = field(errors, "email", Email::parse(&d.email));
        let phone = field(errors, "phone", phone(&d.phone));
        let svc = self.svc();
        if let Some(prefix) = &prefix {
            let domain = prefix.domain(&svc.config().tenant_suffix);
            if db::customers::domain_taken(svc.pool(), &domain)
                .await
                .or_internal("checking a domain")?
            {
                errors.push(FieldError::new("domain_prefix", ErrorCode::DomainTaken));
            }
        }
        if let Some(country) = &country {
            let theirs = db::orgs::region_of(svc.pool(), country.as_str())
                .await
                .or_internal("reading a region")?;
            let ours = db::orgs::region_of(svc.pool(), &actor.org_country)
                .await
                .or_internal("reading a region")?;
            if theirs != ours {
                errors.push(FieldError::new("country", ErrorCode::RegionMismatch));
            }
        }
        Ok(
            match (
                company,
                prefix,
                country,
                address,
                city,
                postal_code,
                first_name,
                last_name,
                email,
                phone,
            ) {
                (
                    Some(company),
                    Some(prefix),
                    Some(country),
                    Some(address),
                    Some(city),
                    Some(postal_code),
                    Some(first_name),
                    Some(last_name),
                    Some(email),
                    Some(phone),
                ) => Some(Details {
                    company,
                    prefix,
                    country,
                    address,
                    city,
                    postal_code,
                    first_name,
                    last_name,
                    email,
                    phone,
                }),
                _ => None,
            },
        )
    }

    /// The order's lines against the catalog: known, offered, within bounds, at least one.
    /// Errors name `licenses-<offer id>` (or `offers`).
    async fn parse_lines(
        &self,
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
            let record = db::offers::by_id(self.svc().pool(), &line.offer_id.to_string())
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
            if let Some(n) = field(errors, &name, o.check_licenses(line.licenses)) {
                out.push((o, n));
            }
        }
        Ok(out)
    }

    /// Writes an order and its subscriptions and their activity, inside `tx`.
    #[allow(clippy::too_many_arguments)]
    async fn write_order(
        &self,
        tx: &mut db::Tx,
        actor: &Actor,
        customer: (&str, &str),
        reseller: Option<&(String, String)>,
        key: &str,
        lines: &[(Offer, u32)],
        now: i64,
    ) -> Result<Vec<String>, AppError> {
        let provider_id = actor.org_id.to_string();
        let user_id = actor.user_id.to_string();
        let order_id = new_id();
        let order = db::orders::NewOrder {
            id: &order_id,
            customer_id: customer.0,
            provider_id: &provider_id,
            reseller_id: reseller.map(|(id, _)| id.as_str()),
            request_key: key,
            user_id: &user_id,
            user_name: &actor.user_name,
            at: now,
        };
        if let Err(e) = db::orders::insert_order(tx, &order).await {
            if db::is_unique_violation(&e) {
                return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
            }
            return Err(e).or_internal("storing an order");
        }
        let contact = reseller.map_or(provider_id.as_str(), |(id, _)| id.as_str());
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
            audit::by_actor(tx, &provider_id, actor, "subscription.added", &subject, now).await?;
            audit::by_actor(tx, customer.0, actor, "subscription.added", &subject, now).await?;
            if let Some((reseller_id, _)) = reseller {
                audit::by_actor(tx, reseller_id, actor, "subscription.added", &subject, now)
                    .await?;
            }
            ids.push(id);
        }
        Ok(ids)
    }

    async fn subscription_record(
        &self,
        subscription: SubscriptionId,
    ) -> Result<db::orders::SubscriptionRecord, AppError> {
        db::orders::subscription(self.svc().pool(), &subscription.to_string())
            .await
            .or_internal("reading a subscription")?
            .ok_or(AppError::NotFound)
    }

    /// The subscription as the provider that sold it may change it.
    async fn sold_by_actor(
        &self,
        actor: &Actor,
        subscription: SubscriptionId,
    ) -> Result<db::orders::SubscriptionRecord, AppError> {
        let r = self.subscription_record(subscription).await?;
        let a = access(self.svc(), actor, &r.customer_id).await?;
        let mine = actor.org_id.to_string();
        if r.provider_id != mine {
            let visible = a.grant
                || r.reseller_id.as_deref() == Some(mine.as_str())
                || r.support_contact_id == mine;
            return Err(if visible {
                AppError::Refused(ErrorCode::SoldByAnotherProvider)
            } else {
                AppError::NotFound
            });
        }
        Ok(r)
    }

    /// What an MPN ID names, for this provider: a partnered reseller, or why not.
    async fn reseller_by_mpn(
        &self,
        actor: &Actor,
        mpn: &str,
    ) -> Result<Result<PartnerChoice, ErrorCode>, AppError> {
        let mpn = match MpnId::parse(mpn) {
            Ok(m) => m,
            Err(code) => return Ok(Err(code)),
        };
        let svc = self.svc();
        let Some((id, name, _)) = db::orgs::by_mpn_id(svc.pool(), mpn.as_str())
            .await
            .or_internal("finding an MPN ID")?
            .filter(|(_, _, kind)| kind == OrgKind::Reseller.as_str())
        else {
            return Ok(Err(ErrorCode::ResellerUnknown));
        };
        if !db::partnerships::is_active(svc.pool(), &actor.org_id.to_string(), &id)
            .await
            .or_internal("checking a partnership")?
        {
            return Ok(Err(ErrorCode::ResellerNotPartnered));
        }
        Ok(Ok(choice(id, name, Some(mpn.to_string()))?))
    }
}

#[async_trait::async_trait]
impl OrdersPort for Orders {
    async fn new_customer_form(&self, ctx: &RequestCtx) -> Result<NewCustomerForm, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        let svc = self.svc();
        let mut countries = db::orgs::countries_in_region_of(svc.pool(), &actor.org_country)
            .await
            .or_internal("listing countries")?;
        countries.sort_by_key(|c| app::model::validate::country_name(c).unwrap_or_default());
        Ok(NewCustomerForm {
            resellers: resellers(svc, &actor.org_id.to_string()).await?,
            countries,
            home_country: actor.org_country.clone(),
            cloud: actor.org_cloud,
            tenant_suffix: svc.config().tenant_suffix.clone(),
            offers: available_offers(svc).await?,
            request_key: new_id(),
        })
    }

    async fn reseller_choices(&self, ctx: &RequestCtx) -> Result<Vec<PartnerChoice>, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::ViewOrganization)?;
        resellers(self.svc(), &actor.org_id.to_string()).await
    }

    async fn check_domain(
        &self,
        ctx: &RequestCtx,
        prefix: String,
    ) -> Result<DomainCheck, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        super::customers::domain_check(self.svc(), &prefix).await
    }

    async fn check_details(
        &self,
        ctx: &RequestCtx,
        details: CustomerDetails,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        let mut errors = Vec::new();
        self.parse_details(actor, &details, &mut errors).await?;
        AppError::from_fields(errors)
    }

    async fn place_new_customer(
        &self,
        ctx: &RequestCtx,
        request_key: String,
        reseller: Option<OrgId>,
        details: CustomerDetails,
        lines: Vec<OrderLine>,
    ) -> Result<NewCustomerDone, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        let key = checked_key(&request_key)?;
        let svc = self.svc();
        let provider_id = actor.org_id.to_string();
        if db::orders::order_exists(svc.pool(), &provider_id, key)
            .await
            .or_internal("checking an order")?
        {
            return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
        }
        let mut errors = Vec::new();
        let reseller = partnered_reseller(svc, &provider_id, reseller, &mut errors).await?;
        let details = self.parse_details(actor, &details, &mut errors).await?;
        let lines = self.parse_lines(&lines, &mut errors).await?;
        if let Err(e) = AppError::from_fields(errors) {
            // A second submission that raced the first finds the first's domain taken: it is
            // told that the order went through, as when it arrives later.
            if db::orders::order_exists(svc.pool(), &provider_id, key)
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
        let (temporary, hash) = super::temporary_password().await?;

        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting an order")?;
        // Again inside the write lock: a second submission waits here and then finds the first.
        if db::orders::order_exists(&mut *tx, &provider_id, key)
            .await
            .or_internal("checking an order")?
        {
            return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
        }
        if db::customers::domain_taken(&mut *tx, &domain)
            .await
            .or_internal("checking a domain")?
            || db::users::email_taken(&mut *tx, &admin_email)
                .await
                .or_internal("checking an email")?
        {
            return Err(AppError::field("domain_prefix", ErrorCode::DomainTaken));
        }
        let customer_id = new_id();
        let name = d.company.as_str();
        db::orgs::insert(
            &mut tx,
            &db::orgs::NewOrg {
                id: &customer_id,
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
        db::customers::set_domain(&mut tx, &customer_id, &domain)
            .await
            .or_internal("storing a domain")?;
        db::orders::insert_profile(
            &mut tx,
            &db::orders::Profile {
                customer_id: &customer_id,
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
        let admin_id = new_id();
        let admin_name = format!("{} {}", d.first_name, d.last_name);
        db::users::insert(
            &mut tx,
            &db::users::NewUser {
                id: &admin_id,
                organization_id: &customer_id,
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
        .or_internal("storing the customer's admin")?;
        audit::by_actor(&mut tx, &provider_id, actor, "customer.created", name, now).await?;
        audit::by_actor(
            &mut tx,
            &customer_id,
            actor,
            "customer.created",
            &actor.org_name,
            now,
        )
        .await?;
        // The provider and the reseller become resellers of record; the reseller (or, without
        // one, the provider) gets delegated admin permissions.
        let mut partners = vec![(provider_id.clone(), actor.org_name.clone())];
        partners.extend(reseller.clone());
        for (partner_id, partner_name) in &partners {
            db::customers::insert_relationship(
                &mut tx,
                &new_id(),
                partner_id,
                &customer_id,
                now,
                None,
            )
            .await
            .or_internal("storing a relationship")?;
            let code = "relationship.created";
            audit::by_actor(&mut tx, partner_id, actor, code, name, now).await?;
            audit::by_actor(&mut tx, &customer_id, actor, code, partner_name, now).await?;
        }
        let (grantee_id, grantee_name) = partners.last().cloned().unwrap_or_default();
        db::customers::insert_grant(&mut tx, &new_id(), &customer_id, &grantee_id, now, None)
            .await
            .or_internal("storing a delegated admin grant")?;
        let code = "delegated_admin.granted";
        audit::by_actor(&mut tx, &grantee_id, actor, code, name, now).await?;
        audit::by_actor(&mut tx, &customer_id, actor, code, &grantee_name, now).await?;
        let ids = self
            .write_order(
                &mut tx,
                actor,
                (&customer_id, name),
                reseller.as_ref(),
                key,
                &lines,
                now,
            )
            .await?;
        tx.commit().await.or_internal("committing an order")?;
        Ok(NewCustomerDone {
            customer_id: customer_id.parse().or_internal("reading an id")?,
            name: name.to_owned(),
            domain,
            admin_user: admin_email,
            temporary_password: temporary,
            reseller: reseller.map(|(_, n)| n),
            subscriptions: ids.len(),
        })
    }

    async fn record(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerRecordView, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let svc = self.svc();
        let customer_id = customer.to_string();
        let a = access(svc, actor, &customer_id).await?;
        let me = actor.org_id.to_string();
        let (name, _, _) = db::orgs::name_and_domain(svc.pool(), &customer_id)
            .await
            .or_internal("reading a customer")?
            .ok_or(AppError::NotFound)?;
        let subs = db::orders::of_customer(svc.pool(), &customer_id, &me, a.grant)
            .await
            .or_internal("listing subscriptions")?;
        let tz = time_fmt::zone_or_utc(&actor.time_zone);
        let subscriptions = subs
            .iter()
            .map(|r| subscription_row(r, &tz))
            .collect::<Result<Vec<_>, _>>()?;
        let resellers = db::orders::associated_resellers(svc.pool(), &customer_id, &me)
            .await
            .or_internal("listing resellers")?
            .into_iter()
            .map(|(n,)| n)
            .collect();
        let users = if a.grant {
            Some(customer_users(svc, &customer_id).await?)
        } else {
            None
        };
        let user_count = match &users {
            Some(u) => u.len(),
            None => usize::try_from(
                db::orders::user_count(svc.pool(), &customer_id)
                    .await
                    .or_internal("counting users")?,
            )
            .unwrap_or(0),
        };
        Ok(CustomerRecordView {
            org_id: customer,
            name,
            resellers,
            subscriptions,
            users,
            user_count: u32::try_from(user_count).unwrap_or(u32::MAX),
            may_order: a.may_order(actor),
        })
    }

    async fn subscriptions(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<CustomerSubscriptions, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let svc = self.svc();
        let customer_id = customer.to_string();
        let a = access(svc, actor, &customer_id).await?;
        let (name, domain, _) = db::orgs::name_and_domain(svc.pool(), &customer_id)
            .await
            .or_internal("reading a customer")?
            .ok_or(AppError::NotFound)?;
        let subs =
            db::orders::of_customer(svc.pool(), &customer_id, &actor.org_id.to_string(), a.grant)
                .await
                .or_internal("listing subscriptions")?;
        let tz = time_fmt::zone_or_utc(&actor.time_zone);
        Ok(CustomerSubscriptions {
            org_id: customer,
            name,
            domain: domain.unwrap_or_default(),
            rows: subs
                .iter()
                .map(|r| subscription_row(r, &tz))
                .collect::<Result<_, _>>()?,
            may_order: a.may_order(actor),
        })
    }

    async fn new_subscription_form(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
    ) -> Result<NewSubscriptionForm, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        let svc = self.svc();
        let customer_id = customer.to_string();
        if !access(svc, actor, &customer_id).await?.relationship {
            return Err(AppError::Refused(ErrorCode::NotYourCustomer));
        }
        Ok(NewSubscriptionForm {
            customer_name: super::invitations::org_name(svc, &customer_id).await?,
            offers: available_offers(svc).await?,
            resellers: resellers(svc, &actor.org_id.to_string()).await?,
            request_key: new_id(),
        })
    }

    async fn add_subscriptions(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        request_key: String,
        lines: Vec<OrderLine>,
        reseller: Option<OrgId>,
    ) -> Result<Vec<SubscriptionId>, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        let key = checked_key(&request_key)?;
        let svc = self.svc();
        let customer_id = customer.to_string();
        if !access(svc, actor, &customer_id).await?.relationship {
            return Err(AppError::Refused(ErrorCode::NotYourCustomer));
        }
        let mut errors = Vec::new();
        let provider_id = actor.org_id.to_string();
        let reseller = partnered_reseller(svc, &provider_id, reseller, &mut errors).await?;
        let lines = self.parse_lines(&lines, &mut errors).await?;
        AppError::from_fields(errors)?;
        let name = super::invitations::org_name(svc, &customer_id).await?;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting an order")?;
        if db::orders::order_exists(&mut *tx, &provider_id, key)
            .await
            .or_internal("checking an order")?
        {
            return Err(AppError::Refused(ErrorCode::OrderAlreadySubmitted));
        }
        if !db::customers::relationship_active(&mut *tx, &provider_id, &customer_id)
            .await
            .or_internal("checking a relationship")?
        {
            return Err(AppError::Refused(ErrorCode::NotYourCustomer));
        }
        let ids = self
            .write_order(
                &mut tx,
                actor,
                (&customer_id, &name),
                reseller.as_ref(),
                key,
                &lines,
                now,
            )
            .await?;
        tx.commit().await.or_internal("committing an order")?;
        ids.iter()
            .map(|id| id.parse().or_internal("reading an id"))
            .collect()
    }

    async fn subscription(
        &self,
        ctx: &RequestCtx,
        customer: OrgId,
        subscription: SubscriptionId,
    ) -> Result<SubscriptionDetail, AppError> {
        let actor = ctx.actor()?;
        require(actor, Action::ViewOrganization)?;
        let svc = self.svc();
        let r = self.subscription_record(subscription).await?;
        if r.customer_id != customer.to_string() {
            return Err(AppError::NotFound);
        }
        let a = access(svc, actor, &r.customer_id).await?;
        let me = actor.org_id.to_string();
        let sold_by_me = r.provider_id == me;
        let visible = a.grant
            || sold_by_me
            || r.reseller_id.as_deref() == Some(me.as_str())
            || r.support_contact_id == me;
        if !visible {
            return Err(AppError::NotFound);
        }
        let offer_record = db::offers::by_id(svc.pool(), &r.offer_id)
            .await
            .or_internal("reading an offer")?
            .ok_or(AppError::Internal)?;
        let mut contact_choices = vec![choice(
            r.provider_id.clone(),
            r.provider_name.clone(),
            None,
        )?];
        if sold_by_me {
            contact_choices.extend(resellers(svc, &me).await?);
        }
        if !contact_choices
            .iter()
            .any(|c| c.org_id.to_string() == r.support_contact_id)
        {
            contact_choices.push(choice(
                r.support_contact_id.clone(),
                r.support_contact_name.clone(),
                None,
            )?);
        }
        let reseller = match (&r.reseller_id, &r.reseller_name) {
            (Some(id), Some(name)) => {
                Some(choice(id.clone(), name.clone(), r.reseller_mpn_id.clone())?)
            }
            _ => None,
        };
        let customer_name = super::invitations::org_name(svc, &r.customer_id).await?;
        let may_change_partners = sold_by_me && actor.may(Action::PlaceOrders);
        Ok(SubscriptionDetail {
            id: subscription,
            customer_id: customer,
            customer_name,
            offer: offer(offer_record)?,
            licenses: u32::try_from(r.licenses).unwrap_or(0),
            assigned: u32::try_from(r.assigned).unwrap_or(0),
            status: SubscriptionStatus::parse(&r.status).unwrap_or(SubscriptionStatus::Active),
            reseller,
            support_contact: r.support_contact_id.parse().or_internal("reading an id")?,
            contact_choices,
            provider: r.provider_name.clone(),
            created: time_fmt::format_ms(r.created_at, &actor.time_zone),
            created_by: r.created_by_name.clone(),
            may_change_partners,
            may_change_licenses: may_change_partners
                || (a.grant && actor.may(Action::ManageCustomerUsers)),
        })
    }

    async fn check_reseller(
        &self,
        ctx: &RequestCtx,
        mpn_id: String,
    ) -> Result<ResellerCheck, AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        Ok(match self.reseller_by_mpn(actor, &mpn_id).await? {
            Ok(r) => ResellerCheck {
                reseller: Some(r),
                problem: None,
            },
            Err(code) => ResellerCheck {
                reseller: None,
                problem: Some(code),
            },
        })
    }

    async fn set_partners(
        &self,
        ctx: &RequestCtx,
        subscription: SubscriptionId,
        reseller_mpn_id: String,
        support_contact: String,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        providers_only(actor)?;
        require(actor, Action::PlaceOrders)?;
        let svc = self.svc();
        let r = self.sold_by_actor(actor, subscription).await?;
        let me = actor.org_id.to_string();
        let mut errors = Vec::new();
        let reseller = if reseller_mpn_id.trim().is_empty() {
            None
        } else {
            match self.reseller_by_mpn(actor, &reseller_mpn_id).await? {
                Ok(c) => Some(c),
                Err(code) => {
                    errors.push(FieldError::new("reseller_mpn_id", code));
                    None
                }
            }
        };
        let contact = support_contact.trim().to_owned();
        let contact_ok = contact == me
            || (contact.parse::<OrgId>().is_ok()
                && db::partnerships::is_active(svc.pool(), &me, &contact)
                    .await
                    .or_internal("checking a partnership")?);
        if !contact_ok {
            errors.push(FieldError::new(
                "support_contact",
                ErrorCode::SupportContactUnknown,
            ));
        }
        AppError::from_fields(errors)?;
        let reseller_id = reseller.as_ref().map(|c| c.org_id.to_string());
        // Names for the activity entries, read before the write lock: a transaction never waits
        // for a second connection (with every connection waiting for the lock, it would wait
        // for good).
        let customer_name = super::invitations::org_name(svc, &r.customer_id).await?;
        let contact_name = if contact == r.support_contact_id {
            None
        } else {
            Some(super::invitations::org_name(svc, &contact).await?)
        };
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a change")?;
        db::orders::set_partners(&mut tx, &r.id, reseller_id.as_deref(), &contact, now)
            .await
            .or_internal("changing a subscription")?;
        if reseller_id != r.reseller_id {
            let subject = format!(
                "{} · {} → {}",
                r.offer_name,
                customer_name,
                reseller.as_ref().map_or("—", |c| c.name.as_str())
            );
            let code = "subscription.reseller_set";
            audit::by_actor(&mut tx, &me, actor, code, &subject, now).await?;
            audit::by_actor(&mut tx, &r.customer_id, actor, code, &subject, now).await?;
            for id in [&r.reseller_id, &reseller_id].into_iter().flatten() {
                audit::by_actor(&mut tx, id, actor, code, &subject, now).await?;
            }
        }
        if let Some(contact_name) = contact_name {
            let subject = format!("{} · {} → {}", r.offer_name, customer_name, contact_name);
            let code = "subscription.support_contact_set";
            audit::by_actor(&mut tx, &me, actor, code, &subject, now).await?;
            audit::by_actor(&mut tx, &r.customer_id, actor, code, &subject, now).await?;
            for id in [&r.support_contact_id, &contact] {
                if *id != me {
                    audit::by_actor(&mut tx, id, actor, code, &subject, now).await?;
                }
            }
        }
        tx.commit().await.or_internal("committing a change")
    }

    async fn set_licenses(
        &self,
        ctx: &RequestCtx,
        subscription: SubscriptionId,
        licenses: String,
    ) -> Result<(), AppError> {
        let actor = ctx.actor()?;
        let svc = self.svc();
        let r = self.subscription_record(subscription).await?;
        let a = access(svc, actor, &r.customer_id).await?;
        let me = actor.org_id.to_string();
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
        let customer_name = super::invitations::org_name(svc, &r.customer_id).await?;
        let now = svc.now_ms();
        let mut tx = db::begin_write(svc.pool())
            .await
            .or_internal("starting a change")?;
        // The count before the change, read under the write lock for the activity entry.
        let before = db::orders::subscription(&mut *tx, &r.id)
            .await
            .or_internal("reading a subscription")?
            .map_or(r.licenses, |current| current.licenses);
        let assigned = db::orders::assigned_count(&mut *tx, &r.id)
            .await
            .or_internal("counting licenses")?;
        if i64::from(n) < assigned {
            return Err(AppError::field("licenses", ErrorCode::LicensesInUse));
        }
        db::orders::set_licenses(&mut tx, &r.id, i64::from(n), now)
            .await
            .or_internal("changing licenses")?;
        let subject = format!("{} · {}: {} → {}", r.offer_name, customer_name, before, n);
        let code = "subscription.licenses_changed";
        audit::by_actor(&mut tx, &me, actor, code, &subject, now).await?;
        audit::by_actor(&mut tx, &r.customer_id, actor, code, &subject, now).await?;
        if r.provider_id != me {
            audit::by_actor(&mut tx, &r.provider_id, actor, code, &subject, now).await?;
        }
        tx.commit().await.or_internal("committing a change")
    }
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
